// Publish rules (issue #12). The hook: the same publish (Document Service create with status
// 'published', as the REST API's create does) timed until the publish hook has finished, on a type
// without rules (the baseline) and then with two matching rules (an `each` and a `digest`); the
// sender's kick is held so the tick's own work does not share the measured time. The digest: an
// issue of 50 entries (loaded through entryContent, with Markdown and
// blocks, compiled with the starter digest and one recipient's message rendered), against one
// entry; the admin's preview (a render worker, the checks) is shown beside it.
const runChild = require('./lib/child');
const { bootStrapi, plugin } = require('./lib/strapi');
const seed = require('./lib/seed');
const { summary, timeRuns } = require('./lib/stats');
const { loadComposer } = require('./lib/composer');

const ARTICLE = 'api::article.article';
const PUBLISHES = Number(process.env.BENCH_PUBLISHES ?? 50);
const DIGEST_ENTRIES = 50;

const article = (i) => ({
  title: `Article ${i}`,
  body: 'Plain text body',
  category: 'news',
  summary: `Some **Markdown** for article ${i}, with [a link](https://example.com/${i}).`,
  content: [{ type: 'paragraph', children: [{ type: 'text', text: `Blocks of article ${i}`, bold: true }] }],
});

async function main() {
  const app = await bootStrapi({ client: 'sqlite' });
  const { strapi } = app;
  try {
    const rules = plugin(strapi).service('publishRules');
    plugin(strapi).service('sender').kick = () => {};
    // Each publish waits for its hook, which Strapi runs after the commit without awaiting it.
    let hookDone = null;
    const onPublish = rules.onPublish.bind(rules);
    rules.onPublish = async (event) => {
      await onPublish(event);
      hookDone?.();
    };
    const publish = (i) =>
      new Promise((resolve, reject) => {
        hookDone = resolve;
        strapi
          .documents(ARTICLE)
          .create({ data: article(i), status: 'published' })
          .catch(reject);
      });

    const baselineMs = await timeRuns((i) => publish(i), { times: PUBLISHES, warmup: 5 });

    const list = await seed.createList(strapi, 'bench-rules');
    const common = {
      contentType: ARTICLE,
      lists: [list.id],
      conditions: [{ field: 'category', operator: 'eq', value: 'news' }],
    };
    await rules.create({
      ...common,
      name: 'Each',
      template: 'starter-announcement',
      mode: 'each',
      eachAction: 'draft',
    });
    const digest = await rules.create({
      ...common,
      name: 'Digest',
      template: 'starter-digest',
      mode: 'digest',
      digest: { frequency: 'weekly', time: '09:00', timezone: 'Europe/Paris', weekday: 1 },
    });
    const withRulesMs = await timeRuns((i) => publish(1000 + i), { times: DIGEST_ENTRIES, warmup: 0 });

    // The digest's parts: its 50 entries loaded as templates see them, the issue compiled (phase 1
    // and MJML, once per issue) and one recipient's message rendered; against the same with one entry.
    const pending = await strapi.db
      .connection('email_campaigns_publish_records')
      .where({ rule_id: digest.id, state: 'pending' })
      .orderBy('id')
      .pluck('entry_document_id');
    if (pending.length !== DIGEST_ENTRIES) throw new Error(`the digest holds ${pending.length} entries`);
    const starter = (await plugin(strapi).service('templates').list()).find((t) => t.key === 'starter-digest');
    const composer = loadComposer();
    const recipient = {
      subscriber: { id: 1, email: 'reader@example.test', name: 'Reader', attributes: {} },
      campaign: { id: 1, name: 'Digest' },
      unsubscribe_url: 'https://news.example.test/u?token=x',
      preferences_url: 'https://news.example.test/p?token=y',
    };
    const issue = async (ids) => {
      const entries = await plugin(strapi).service('entryContent').load(ARTICLE, ids);
      const compiled = await composer.compileCampaign({ mjml: starter.mjml, campaign: recipient.campaign, entries });
      if (compiled.errors.length) throw new Error(JSON.stringify(compiled.errors));
      const prepared = composer.prepareTemplate({ html: compiled.html, subject: starter.subject });
      return composer.renderMessage(prepared, recipient);
    };
    const message = await issue(pending);
    const digestMs = await timeRuns(() => issue(pending), { times: 10, warmup: 2 });
    const oneEntryMs = await timeRuns(() => issue(pending.slice(0, 1)), { times: 10, warmup: 2 });
    const loadMs = await timeRuns(() => plugin(strapi).service('entryContent').load(ARTICLE, pending), { times: 10 });
    const previewMs = await timeRuns(() => rules.preview(digest.id), { times: 5, warmup: 1 });

    const publishMs = { baseline: summary(baselineMs), withRules: summary(withRulesMs) };
    const hookCostMs = Number((publishMs.withRules.median - publishMs.baseline.median).toFixed(3));
    const digestRender = {
      issue: summary(digestMs),
      oneEntry: summary(oneEntryMs),
      load: summary(loadMs),
      adminPreview: summary(previewMs),
      htmlBytes: message.html.length,
    };
    return {
      publishes: PUBLISHES,
      publishMs,
      hookCostMs,
      digestEntries: DIGEST_ENTRIES,
      digestRender,
      acceptance: {
        hook: hookCostMs < 20,
        digest: digestRender.issue.median < 200,
        pass: hookCostMs < 20 && digestRender.issue.median < 200,
      },
    };
  } finally {
    await app.stop();
  }
}

runChild(main);
