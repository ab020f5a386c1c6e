import React from 'react';
import * as amplitude from '@amplitude/analytics-browser';

export const Signup = () => <button onClick={() => amplitude.track('Signup Clicked')}>Sign up</button>;
