// Idempotent seeding for the tests and the demo: running it twice changes nothing.
const UID = {
  list: 'plugin::email-campaigns.list',
  subscriber: 'plugin::email-campaigns.subscriber',
  campaign: 'plugin::email-campaigns.campaign',
  form: 'plugin::email-campaigns.form',
  template: 'plugin::email-campaigns.template',
  publishRule: 'plugin::email-campaigns.publish-rule',
};

/** The demo's subscribe form: a newcomer subscribes, confirms and unsubscribes through it. */
const DEMO_FORM = {
  name: 'Newsletter sign-up',
  slug: 'newsletter',
  doubleOptIn: true,
  fields: { name: 'optional' },
};

/** The hosted page of the demo's form, as `npm run demo` prints it. */
const hostedFormUrl = (base) => `${base.replace(/\/+$/, '')}/api/email-campaigns/forms/${DEMO_FORM.slug}`;

async function seedAdmin(strapi) {
  const email = process.env.ADMIN_EMAIL;
  const password = process.env.ADMIN_PASSWORD;
  if (!email || !password) return;

  const existing = await strapi.db.query('admin::user').findOne({ where: { email } });
  if (existing) return;

  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  await strapi.service('admin::user').create({
    email,
    firstname: 'Demo',
    lastname: 'Admin',
    password,
    isActive: true,
    registrationToken: null,
    roles: [superAdmin.id],
  });
  strapi.log.info(`[seed] created admin ${email}`);
}

const LISTS = [
  { slug: 'newsletter', name: 'Newsletter', description: 'The monthly newsletter', doubleOptIn: true, public: true },
  {
    slug: 'product-updates',
    name: 'Product updates',
    description: 'Releases and changelogs',
    doubleOptIn: false,
    public: true,
  },
];

const SUBSCRIBERS = [
  { email: 'ada@example.test', name: 'Ada Lovelace', lists: ['newsletter', 'product-updates'] },
  { email: 'grace@example.test', name: 'Grace Hopper', lists: ['newsletter'] },
  { email: 'linus@example.test', name: 'Linus Torvalds', lists: ['product-updates'] },
  { email: 'margaret@example.test', name: 'Margaret Hamilton', lists: ['newsletter'] },
  { email: 'tim@example.test', name: 'Tim Berners-Lee', lists: ['newsletter', 'product-updates'] },
];

const SAMPLE_MJML = `<mjml>
  <mj-head>
    <mj-title>{{ campaign.subject }}</mj-title>
    <mj-preview>{{ campaign.preheader }}</mj-preview>
  </mj-head>
  <mj-body background-color="#f4f4f7">
    <mj-section background-color="#ffffff" padding="24px">
      <mj-column>
        <mj-text font-size="22px" font-weight="bold">Hello {{ subscriber.name | default: "friend" }}!</mj-text>
        <mj-text font-size="15px" line-height="1.6">
          This is the first issue of our newsletter, written in MJML and sent from Strapi.
        </mj-text>
        <mj-button href="https://example.test/blog" background-color="#4945ff">Read the blog</mj-button>
        <mj-divider border-color="#eaeaef" />
        <mj-text font-size="12px" color="#666666">
          You receive this because you subscribed. <a href="{{ unsubscribe_url }}">Unsubscribe</a>
        </mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;

/** One published article in a mail: what the demo's "send on publish" rule fills in. */
const ARTICLE_MJML = `<mjml>
  <mj-body background-color="#f4f4f7">
    <mj-section background-color="#ffffff" padding="24px">
      <mj-column>
        <mj-text font-size="13px" color="#666666">New on the blog</mj-text>
        <mj-text font-size="22px" font-weight="bold">{{ entry.title }}</mj-text>
        <mj-text font-size="15px" line-height="1.6">{{ entry.body }}</mj-text>
        <mj-divider border-color="#eaeaef" />
        <mj-text font-size="12px" color="#666666">
          You receive this because you subscribed. <a href="{{ unsubscribe_url }}">Unsubscribe</a>
        </mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;

/** What the demo sets as `tracking` (EMAIL_CAMPAIGNS_TRACKING): opens and clicks per person. */
const DEMO_TRACKING = { enabled: true, aggregateOnly: false };

/**
 * The demo's tracked campaign, a draft to send from the admin: its links go through the click route,
 * a pixel counts opens, "View in browser" is the person's web view, and it is listed in the public archive.
 */
const TRACKED_CAMPAIGN = {
  name: 'Tracked issue',
  subject: 'What readers click: our tracked issue',
  preheader: 'Open, click, and see it in the report',
  tracking: { mode: 'people', opens: true, clicks: true },
  public: true,
};

const TRACKED_MJML = `<mjml>
  <mj-body background-color="#f4f4f7">
    <mj-section padding="8px 24px">
      <mj-column>
        <mj-text font-size="12px" color="#666666" align="right"><a href="{{ web_url }}">View in browser</a></mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="24px">
      <mj-column>
        <mj-text font-size="22px" font-weight="bold">Hello {{ subscriber.name | default: "friend" }}!</mj-text>
        <mj-text font-size="15px" line-height="1.6">
          Every link below is tracked: click one, then look at this campaign's engagement report.
        </mj-text>
        <mj-button href="https://example.test/blog" background-color="#4945ff">Read the blog</mj-button>
        <mj-text font-size="15px"><a href="https://example.test/docs">Read the docs</a></mj-text>
        <mj-divider border-color="#eaeaef" />
        <mj-text font-size="12px" color="#666666">
          <a href="{{ preferences_url }}">Your preferences</a> (you may turn tracking off there) ·
          <a href="{{ unsubscribe_url }}">Unsubscribe</a>
        </mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;

/** The demo's publish rules, by name: a news article waits as a draft campaign; every article joins a weekly digest. */
const PUBLISH_RULES = [
  {
    name: 'New article → draft campaign for review',
    conditions: [{ field: 'category', operator: 'eq', value: 'news' }],
    template: 'saved:New article',
    list: 'newsletter',
    mode: 'each',
    eachAction: 'draft',
  },
  {
    name: 'Weekly digest of articles',
    template: 'starter-digest',
    list: 'newsletter',
    mode: 'digest',
    digest: { frequency: 'weekly', weekday: 1, time: '09:00', timezone: 'UTC' },
  },
];

async function findOrCreate(strapi, uid, where, data) {
  const found = await strapi.documents(uid).findFirst({ filters: where });
  return found ?? strapi.documents(uid).create({ data });
}

const ARTICLES = [
  {
    title: 'Strapi 5 ships MJML newsletters',
    slug: 'strapi-5-mjml-newsletters',
    category: 'news',
    body: 'Compose in MJML, preview live, send from your own SMTP account.',
  },
  {
    title: 'Double opt-in, the friendly way',
    slug: 'double-opt-in',
    body: 'One click in the confirmation mail, and one click to leave again.',
  },
];

async function seedDemoData(strapi) {
  // Content for the campaign editor's content picker.
  for (const article of ARTICLES) await findOrCreate(strapi, 'api::article.article', { slug: article.slug }, article);

  const lists = {};
  for (const list of LISTS) {
    lists[list.slug] = await findOrCreate(strapi, UID.list, { slug: list.slug }, list);
  }

  for (const person of SUBSCRIBERS) {
    await findOrCreate(
      strapi,
      UID.subscriber,
      { email: person.email },
      {
        email: person.email,
        name: person.name,
        status: 'subscribed',
        source: 'admin',
        confirmedAt: new Date(),
        lists: person.lists.map((slug) => lists[slug].documentId),
      },
    );
  }

  await findOrCreate(
    strapi,
    UID.campaign,
    { name: 'Welcome issue' },
    {
      name: 'Welcome issue',
      subject: 'Welcome to our newsletter, {{ subscriber.name | default: "friend" }}',
      preheader: 'Our first issue',
      mjml: SAMPLE_MJML,
      status: 'draft',
      provider: 'main',
      lists: [lists.newsletter.documentId],
    },
  );

  await findOrCreate(
    strapi,
    UID.campaign,
    { name: TRACKED_CAMPAIGN.name },
    {
      ...TRACKED_CAMPAIGN,
      mjml: TRACKED_MJML,
      status: 'draft',
      provider: 'main',
      lists: [lists.newsletter.documentId],
    },
  );

  await findOrCreate(
    strapi,
    UID.form,
    { slug: DEMO_FORM.slug },
    { ...DEMO_FORM, lists: [lists.newsletter.documentId] },
  );
  // Saved through the plugin, which renders their thumbnails; the three built-in starters need no seed.
  const templates = {};
  for (const template of [
    {
      name: 'Monthly newsletter',
      subject: 'Our news this month',
      preheader: 'Five minutes of news',
      mjml: SAMPLE_MJML,
    },
    {
      name: 'New article',
      subject: 'New on the blog: {{ entry.title }}',
      preheader: 'Fresh from the blog',
      mjml: ARTICLE_MJML,
    },
  ]) {
    const exists = await strapi.db.query(UID.template).findOne({ where: { name: template.name } });
    templates[template.name] = exists ?? (await strapi.plugin('email-campaigns').service('templates').create(template));
  }
  await seedPublishRules(strapi, lists, templates);
  await seedWelcomeSeries(strapi, lists.newsletter);
  strapi.log.info(
    '[seed] demo lists, subscribers, form, templates, campaigns, publish rules and welcome series are in place',
  );
}

/** Through the plugin's service, which checks each rule and starts it as the admin's Create would. */
async function seedPublishRules(strapi, lists, templates) {
  const service = strapi.plugin('email-campaigns').service('publishRules');
  for (const { list, template, ...rule } of PUBLISH_RULES) {
    if (await strapi.db.query(UID.publishRule).findOne({ where: { name: rule.name } })) continue;
    const saved = template.startsWith('saved:') ? templates[template.slice('saved:'.length)] : null;
    await service.create({
      ...rule,
      contentType: 'api::article.article',
      template: saved ? `template:${saved.id}` : template,
      lists: [lists[list].id],
    });
  }
}

/** A short welcome mail: a greeting, one line of text, the unsubscribe link every mail carries. */
const welcomeMjml = (text) => `<mjml>
  <mj-body background-color="#f6f6f9">
    <mj-section background-color="#ffffff" padding="24px">
      <mj-column>
        <mj-text font-size="18px">Hello {{ subscriber.name | default: "there" }},</mj-text>
        <mj-text>${text}</mj-text>
        <mj-text font-size="12px" color="#666666">
          <a href="{{ preferences_url }}">Your preferences</a> · <a href="{{ unsubscribe_url }}">Unsubscribe</a>
        </mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;

const WELCOME_SERIES = {
  name: 'Welcome series',
  trigger: 'confirmed',
  steps: [
    { delayMinutes: 0, subject: 'Welcome aboard!', text: 'Thank you for confirming. Here is what to expect from us.' },
    {
      delayMinutes: 2 * 24 * 60,
      subject: 'Our most read stories',
      text: 'Two days in: the stories readers liked most.',
    },
    { delayMinutes: 7 * 24 * 60, subject: 'One week with us', text: 'A week in: tell us what you would like to read.' },
  ],
};

/** The newsletter's three-step welcome (at once, after 2 days, after 7 days), made once through the plugin. */
async function seedWelcomeSeries(strapi, newsletter) {
  const series = strapi.plugin('email-campaigns').service('series');
  if ((await series.list()).some((found) => found.name === WELCOME_SERIES.name)) return;
  await series.create({
    name: WELCOME_SERIES.name,
    listId: newsletter.id,
    trigger: WELCOME_SERIES.trigger,
    steps: WELCOME_SERIES.steps.map(({ text, ...step }) => ({ ...step, mjml: welcomeMjml(text) })),
  });
}

module.exports = {
  seedAdmin,
  seedDemoData,
  hostedFormUrl,
  SAMPLE_MJML,
  DEMO_FORM,
  PUBLISH_RULES,
  WELCOME_SERIES,
  DEMO_TRACKING,
  TRACKED_CAMPAIGN,
};
