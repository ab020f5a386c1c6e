import * as Amplitude from '@amplitude/node';

const client = Amplitude.init(process.env.AMPLITUDE_API_KEY!);

export function profile(userId: string, identify: any): void {
  client.identify(userId, null, identify);
}
