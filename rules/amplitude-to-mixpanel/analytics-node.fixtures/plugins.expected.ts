import * as amplitude from '@amplitude/analytics-node';
import { redactPlugin } from './redact';

amplitude.add(redactPlugin);
