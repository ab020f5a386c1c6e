import * as Amplitude from '@amplitude/node'

const amp = Amplitude.init(process.env.AMPLITUDE_API_KEY ?? '')

export const track = async (userId: string, eventName: string, eventProperties?: any,
                            amplitudeProperties?: Partial<Amplitude.Event>) =>
  amp.logEvent({ event_type: eventName, user_id: userId, event_properties: eventProperties, ...amplitudeProperties })
