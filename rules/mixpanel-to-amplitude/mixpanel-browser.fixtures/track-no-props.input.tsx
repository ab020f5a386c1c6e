import React from 'react';
import mixpanel from 'mixpanel-browser';

export const Signup = () => <button onClick={() => mixpanel.track('Signup Clicked')}>Sign up</button>;
