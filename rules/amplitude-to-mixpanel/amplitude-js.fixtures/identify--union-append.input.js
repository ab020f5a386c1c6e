import amplitude from 'amplitude-js';

amplitude.getInstance().identify(new amplitude.Identify().postInsert('tags', 'beta').append('roles', 'admin').remove('flags', 'old'));
