import * as amplitude from '@amplitude/analytics-react-native';

export async function start(): Promise<void> {
  await amplitude.init(process.env.AMPLITUDE_API_KEY!, { serverZone: 'EU' }).promise;
  amplitude.track('App Started');
}
