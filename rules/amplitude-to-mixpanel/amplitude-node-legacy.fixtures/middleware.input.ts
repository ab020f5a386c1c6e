import * as Amplitude from '@amplitude/node';

const client = Amplitude.init(process.env.AMPLITUDE_API_KEY!);

client.addEventMiddleware((payload, next) => next(payload));
