/**
 * Every word the public pages and the confirmation mail show, in English and Vietnamese.
 * A site replaces any of them through the plugin config: `texts: { vi: { 'confirm.title': '...' } }`.
 * `{name}`-style placeholders are filled (and HTML-escaped where it matters) by the caller.
 */
export const LOCALES = ['en', 'vi'] as const;
export type Locale = (typeof LOCALES)[number];

const en = {
  'invalid.title': 'This link is invalid or has expired',
  'invalid.body': 'The link may be incomplete or too old. If you wanted to subscribe, please sign up again.',
  'error.title': 'Something is not right',
  'confirm.title': 'Confirm your subscription',
  'confirm.body': 'Press the button to confirm that you want to receive our emails.',
  'confirm.button': 'Confirm',
  'confirmed.title': 'You are subscribed',
  'confirmed.body': 'Thank you for confirming. Our next emails will reach you.',
  'unsubscribe.title': 'Unsubscribe',
  'unsubscribe.body': 'Press the button to stop receiving our emails.',
  'unsubscribe.button': 'Unsubscribe',
  'unsubscribed.title': 'You are unsubscribed',
  'unsubscribed.body': 'You will not receive any more emails from us.',
  'preferences.link': 'Changed your mind? Choose your lists',
  'preferences.title': 'Your email preferences',
  'preferences.intro': 'Choose the emails you want to receive at {email}.',
  'preferences.save': 'Save my choices',
  'preferences.unsubscribeAll': 'Unsubscribe from everything',
  'preferences.saved': 'Your choices are saved.',
  'preferences.none': 'There are no lists to choose from.',
  'preferences.confirmNeeded':
    'Almost done: we have sent you an email. Open it and press the link to confirm the lists you chose.',
  'preferences.expired.title': 'This link has expired',
  'preferences.expired.body':
    'Links to your email preferences work for a limited time. We can email you a new one to the address this link was sent to.',
  'preferences.expired.button': 'Email me a new link',
  'preferences.resent.title': 'Check your inbox',
  'preferences.resent.body':
    'If this address still receives our emails, a new link is on its way. Only one such email is sent per hour.',
  'form.email': 'Email address',
  'form.name': 'Name',
  'form.honeypot': 'Leave this field empty',
  'form.submit': 'Subscribe',
  'captcha.label': "I'm not a robot",
  'captcha.verifying': 'Verifying…',
  'captcha.verified': 'Verified',
  'captcha.required': 'Please tick the box to show you are not a robot.',
  'captcha.wait': 'Verifying, please wait…',
  'captcha.error': 'Verification failed. Please try again.',
  'captcha.expired': 'Verification expired. Please tick the box again.',
  'subscribe.checkInbox.title': 'Check your inbox',
  'subscribe.checkInbox.body':
    'Almost done: we have sent you an email. Open it and press the link to confirm your subscription.',
  'subscribe.thanks.title': 'Thank you',
  'subscribe.thanks.body':
    'Thank you for subscribing. If we need you to confirm, you will find an email from us in your inbox.',
  'mail.confirm.subject': 'Please confirm your subscription',
  'mail.confirm.greeting': 'Hello,',
  'mail.confirm.body': 'Please confirm that you want to receive our emails: {lists}.',
  'mail.confirm.button': 'Yes, subscribe me',
  'mail.confirm.expiry': 'The link is valid for 72 hours.',
  'mail.confirm.ignore': 'If you did not ask for this, ignore this email: you will not be subscribed.',
  'mail.preferences.subject': 'Your link to your email preferences',
  'mail.preferences.body': 'Here is a new link to choose the emails you receive from us.',
  'mail.preferences.button': 'Choose my emails',
  'mail.preferences.ignore': 'If you did not ask for this, ignore this email: nothing changes.',
  'web.gone.title': 'This email is no longer available',
  'web.gone.body': 'It may have been deleted, or the data it was written for erased.',
  'archive.title': '{list}: past emails',
  'archive.intro': 'The emails of {list} published here, newest first (at most {limit}).',
  'archive.empty': 'Nothing has been published here yet.',
  'archive.feed': 'Follow them in a feed reader (Atom)',
  'archive.personalLinks.title': 'About the links in these copies',
  'archive.personalLinks.body':
    "These are public copies, without anyone's personal data. Links to unsubscribe or to choose your emails work only in the email each subscriber received.",
  'archive.notFound.title': 'There is no archive here',
  'archive.notFound.body': 'This list does not publish its emails, or the address is wrong.',
};

export type TextKey = keyof typeof en;

const vi: Record<TextKey, string> = {
  'invalid.title': 'Liên kết không hợp lệ hoặc đã hết hạn',
  'invalid.body': 'Liên kết có thể bị thiếu hoặc đã quá cũ. Nếu bạn muốn đăng ký, vui lòng đăng ký lại.',
  'error.title': 'Có lỗi xảy ra',
  'confirm.title': 'Xác nhận đăng ký',
  'confirm.body': 'Nhấn nút bên dưới để xác nhận rằng bạn muốn nhận email của chúng tôi.',
  'confirm.button': 'Xác nhận',
  'confirmed.title': 'Bạn đã đăng ký thành công',
  'confirmed.body': 'Cảm ơn bạn đã xác nhận. Bạn sẽ nhận được các email tiếp theo của chúng tôi.',
  'unsubscribe.title': 'Hủy đăng ký',
  'unsubscribe.body': 'Nhấn nút bên dưới để ngừng nhận email của chúng tôi.',
  'unsubscribe.button': 'Hủy đăng ký',
  'unsubscribed.title': 'Bạn đã hủy đăng ký',
  'unsubscribed.body': 'Bạn sẽ không nhận thêm email nào từ chúng tôi.',
  'preferences.link': 'Đổi ý? Chọn lại danh sách của bạn',
  'preferences.title': 'Tùy chọn email của bạn',
  'preferences.intro': 'Chọn những email bạn muốn nhận tại {email}.',
  'preferences.save': 'Lưu lựa chọn',
  'preferences.unsubscribeAll': 'Hủy đăng ký tất cả',
  'preferences.saved': 'Đã lưu lựa chọn của bạn.',
  'preferences.none': 'Không có danh sách nào để chọn.',
  'preferences.confirmNeeded':
    'Sắp xong: chúng tôi đã gửi cho bạn một email. Hãy mở email và nhấn vào liên kết để xác nhận các danh sách bạn đã chọn.',
  'preferences.expired.title': 'Liên kết đã hết hạn',
  'preferences.expired.body':
    'Liên kết tới tùy chọn email chỉ có hiệu lực trong một thời gian. Chúng tôi có thể gửi liên kết mới tới địa chỉ đã nhận liên kết này.',
  'preferences.expired.button': 'Gửi cho tôi liên kết mới',
  'preferences.resent.title': 'Hãy kiểm tra hộp thư',
  'preferences.resent.body':
    'Nếu địa chỉ này vẫn nhận email của chúng tôi, một liên kết mới đang được gửi tới. Mỗi giờ chỉ gửi một email như vậy.',
  'form.email': 'Địa chỉ email',
  'form.name': 'Tên',
  'form.honeypot': 'Để trống ô này',
  'form.submit': 'Đăng ký',
  'captcha.label': 'Tôi không phải là người máy',
  'captcha.verifying': 'Đang xác minh…',
  'captcha.verified': 'Đã xác minh',
  'captcha.required': 'Vui lòng đánh dấu ô để xác nhận bạn không phải là người máy.',
  'captcha.wait': 'Đang xác minh, vui lòng đợi…',
  'captcha.error': 'Xác minh không thành công. Vui lòng thử lại.',
  'captcha.expired': 'Xác minh đã hết hạn. Vui lòng đánh dấu lại ô.',
  'subscribe.checkInbox.title': 'Hãy kiểm tra hộp thư',
  'subscribe.checkInbox.body':
    'Sắp xong: chúng tôi đã gửi cho bạn một email. Hãy mở email và nhấn vào liên kết để xác nhận đăng ký.',
  'subscribe.thanks.title': 'Cảm ơn bạn',
  'subscribe.thanks.body': 'Cảm ơn bạn đã đăng ký. Nếu cần xác nhận, bạn sẽ thấy email của chúng tôi trong hộp thư.',
  'mail.confirm.subject': 'Vui lòng xác nhận đăng ký',
  'mail.confirm.greeting': 'Xin chào,',
  'mail.confirm.body': 'Vui lòng xác nhận rằng bạn muốn nhận email của chúng tôi: {lists}.',
  'mail.confirm.button': 'Có, tôi muốn đăng ký',
  'mail.confirm.expiry': 'Liên kết có hiệu lực trong 72 giờ.',
  'mail.confirm.ignore': 'Nếu bạn không yêu cầu, hãy bỏ qua email này: bạn sẽ không được đăng ký.',
  'mail.preferences.subject': 'Liên kết tới tùy chọn email của bạn',
  'mail.preferences.body': 'Đây là liên kết mới để chọn những email bạn nhận từ chúng tôi.',
  'mail.preferences.button': 'Chọn email của tôi',
  'mail.preferences.ignore': 'Nếu bạn không yêu cầu, hãy bỏ qua email này: không có gì thay đổi.',
  'web.gone.title': 'Email này không còn nữa',
  'web.gone.body': 'Email có thể đã bị xóa, hoặc dữ liệu của người nhận đã bị xóa.',
  'archive.title': '{list}: các email đã gửi',
  'archive.intro': 'Các email của {list} được công bố tại đây, mới nhất trước (tối đa {limit}).',
  'archive.empty': 'Chưa có email nào được công bố tại đây.',
  'archive.feed': 'Theo dõi bằng trình đọc tin (Atom)',
  'archive.personalLinks.title': 'Về các liên kết trong những bản sao này',
  'archive.personalLinks.body':
    'Đây là các bản sao công khai, không chứa dữ liệu cá nhân của ai. Liên kết hủy đăng ký hoặc chọn email chỉ hoạt động trong email mà mỗi người đăng ký đã nhận.',
  'archive.notFound.title': 'Không có kho lưu trữ ở đây',
  'archive.notFound.body': 'Danh sách này không công bố email của mình, hoặc địa chỉ không đúng.',
};

export const TEXTS: Record<Locale, Record<TextKey, string>> = { en, vi };

export type Translate = (key: TextKey, values?: Record<string, string>) => string;

/** A translator for one locale, with the site's replacements applied over the built-in texts. */
export function translator(locale: Locale, overrides: Record<string, Record<string, string>> = {}): Translate {
  const own = overrides[locale] ?? {};
  return (key, values = {}) => {
    const template = typeof own[key] === 'string' ? own[key] : TEXTS[locale][key];
    return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? values[name] : match));
  };
}

/**
 * The page language: the subscriber's own locale when known, else the best supported
 * language of Accept-Language, else English.
 */
export function pickLocale(preferred?: string | null, acceptLanguage?: string | null): Locale {
  return known(preferred) ?? acceptedLocale(acceptLanguage) ?? 'en';
}

function known(tag: string | null | undefined): Locale | null {
  const base = String(tag ?? '')
    .trim()
    .toLowerCase()
    .split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(base) ? (base as Locale) : null;
}

/** The best supported language of an Accept-Language header, or null when it names none. */
export function acceptedLocale(acceptLanguage?: string | null): Locale | null {
  const ranked = String(acceptLanguage ?? '')
    .slice(0, 512)
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
      return { tag, q: q ? Number(q[1]) : 1, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const entry of ranked) {
    const locale = known(entry.tag);
    if (locale) return locale;
  }
  return null;
}
