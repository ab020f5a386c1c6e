import amplitude from 'amplitude-js';

amplitude.getInstance().logEvent('Purchase Completed', { total: 42 }, (code, body) => {
  console.log(code, body);
});
