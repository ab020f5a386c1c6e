import * as Amplitude from '@amplitude/node';

const client = Amplitude.init(process.env.AMPLITUDE_API_KEY!);

export function ready(): boolean {
  return client !== undefined;
}
