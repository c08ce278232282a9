import forms from './forms';
import imports from './imports';
import lists from './lists';
import publicArchive from './public-archive';
import publicCaptcha from './public-captcha';
import publicLinks from './public-links';
import publicSubscribe from './public-subscribe';
import subscribers from './subscribers';

/** Controllers of subscribers, lists, forms and the public API, spread into the plugin's controllers. */
export default {
  forms,
  imports,
  lists,
  publicArchive,
  publicCaptcha,
  publicLinks,
  publicSubscribe,
  subscribers,
};
