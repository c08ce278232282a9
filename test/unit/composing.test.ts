import { describe, expect, it } from 'vitest';
import {
  compileCampaign,
  prepareTemplate,
  renderMessage,
  type RecipientVars,
} from '../../server/src/services/composing';

// A whole MJML document around some sections; `body` starts on line 4.
function mjmlDocument(body: string): string {
  return [
    '<mjml>',
    '  <mj-head><mj-title>{{ campaign.subject }}</mj-title></mj-head>',
    '  <mj-body>',
    body,
    '  </mj-body>',
    '</mjml>',
  ].join('\n');
}

function section(content: string): string {
  return `    <mj-section><mj-column>\n${content}\n    </mj-column></mj-section>`;
}

function lineOf(source: string, needle: string): number {
  const index = source.indexOf(needle);
  expect(index).toBeGreaterThanOrEqual(0);
  return source.slice(0, index).split('\n').length;
}

function recipient(overrides: Partial<RecipientVars['subscriber']> = {}): RecipientVars {
  return {
    subscriber: { id: 7, email: 'ada@example.com', name: 'Ada', attributes: {}, ...overrides },
    campaign: { subject: 'March news', name: 'march' },
    unsubscribe_url: 'https://news.example.com/api/email-campaigns/unsubscribe?token=abc',
    preferences_url: 'https://news.example.com/api/email-campaigns/preferences?token=def',
  };
}

const campaign = { subject: 'March news', name: 'march', preheader: 'Tips & <tricks>' };

async function compileClean(mjml: string, entries: Record<string, unknown>[] = []) {
  const result = await compileCampaign({ mjml, campaign, entries });
  expect(result.errors).toEqual([]);
  return result.html;
}

async function render(mjml: string, vars = recipient(), entries: Record<string, unknown>[] = []) {
  const html = await compileClean(mjml, entries);
  return renderMessage(prepareTemplate({ html, subject: '{{ campaign.subject }}' }), vars);
}

describe('compileCampaign, phase 1', () => {
  it('renders campaign values into text and href, HTML-escaped', async () => {
    const html = await compileClean(
      mjmlDocument(
        section(
          '<mj-text>{{ campaign.preheader }}, {{ campaign.name | upcase }}</mj-text>\n' +
            '<mj-button href="https://example.com/c/{{ campaign.name }}">Read</mj-button>',
        ),
      ),
    );
    expect(html).toContain('<title>March news</title>');
    expect(html).toContain('Tips &amp; &lt;tricks&gt;, MARCH');
    expect(html).toContain('href="https://example.com/c/march"');
  });

  it('keeps recipient-level tags for phase 2, through the MJML compile', async () => {
    const html = await compileClean(
      mjmlDocument(
        section(
          '<mj-text>Hello {{ subscriber.name | default: "friend" }}</mj-text>\n' +
            '<mj-button href="{{ unsubscribe_url }}">Unsubscribe</mj-button>',
        ),
      ),
    );
    expect(html).toContain('Hello {{ subscriber.name | default: "friend" }}');
    expect(html).toContain('href="{{ unsubscribe_url }}"');
    expect(html).not.toContain('ec:'); // the compile's own bookkeeping is gone
  });

  it('loops over entries inside <mj-text>', async () => {
    const mjml = mjmlDocument(
      section(
        '<mj-text>{% for e in entries %}<h2><a href="https://example.com/{{ e.slug }}">' +
          '{{ e.title }}</a></h2>{% endfor %}</mj-text>',
      ),
    );
    const html = await compileClean(mjml, [
      { slug: 'spring', title: 'Spring is here' },
      { slug: 'tools', title: 'Tools & tips' },
    ]);
    expect(html).toContain('<a href="https://example.com/spring">Spring is here</a>');
    expect(html).toContain('<a href="https://example.com/tools">Tools &amp; tips</a>');
  });

  it('repeats whole sections for entries: a campaign-level loop may stand between elements', async () => {
    const mjml = mjmlDocument(
      '    {% for e in entries %}\n' + section('<mj-text>{{ e.title }}</mj-text>') + '\n    {% endfor %}',
    );
    const html = await compileClean(mjml, [{ title: 'One' }, { title: 'Two' }]);
    expect(html).toMatch(/One[\s\S]*Two/);
  });

  it('does not let content values turn into Liquid in phase 2', async () => {
    const mjml = mjmlDocument(section('<mj-text>{% for e in entries %}{{ e.title }}{% endfor %}</mj-text>'));
    const message = await render(mjml, recipient(), [{ title: 'Mail {{ subscriber.email }} {% if true %}' }]);
    expect(message.html).not.toContain('ada@example.com');
    expect(message.text).toContain('Mail {{ subscriber.email }} {% if true %}');
  });

  it("keeps the author's {% raw %} text literal in the final message", async () => {
    const mjml = mjmlDocument(
      section('<mj-text>Write {% raw %}{{ subscriber.name }}{% endraw %} in templates</mj-text>'),
    );
    const message = await render(mjml);
    expect(message.text).toContain('Write {{ subscriber.name }} in templates');
  });

  it('reports a Liquid syntax error with its line instead of throwing', async () => {
    const mjml = mjmlDocument(section('<mj-text>\n{{ campaign.name | no_such_filter }}\n</mj-text>'));
    const result = await compileCampaign({ mjml, campaign, entries: [] });
    expect(result.errors).toEqual([
      { line: lineOf(mjml, 'no_such_filter'), message: expect.stringContaining('no_such_filter') },
    ]);
  });

  it('reports a recipient-level block left open', async () => {
    const mjml = mjmlDocument(section('<mj-text>\n{% if subscriber.name %}Hi\n</mj-text>'));
    const result = await compileCampaign({ mjml, campaign, entries: [] });
    expect(result.errors).toEqual([{ line: lineOf(mjml, '{% if'), message: expect.stringContaining('not closed') }]);
  });

  it('reports a Liquid error in the subject', async () => {
    const mjml = mjmlDocument(section('<mj-text>Hi</mj-text>'));
    const result = await compileCampaign({
      mjml,
      campaign: { subject: 'Hi {{ subscriber.name | nope }}' },
      entries: [],
    });
    expect(result.errors).toEqual([{ line: 1, field: 'subject', message: expect.stringContaining('nope') }]);
  });
});

describe('compileCampaign, MJML', () => {
  it('reports invalid MJML with the line numbers of the source', async () => {
    const mjml = mjmlDocument(
      '    {% for e in entries %}\n' +
        section('<mj-text>{{ e.title }}</mj-text>') +
        '\n    {% endfor %}\n' +
        section('<mj-text foo="bar">x</mj-text>') +
        '\n    <mj-text>outside a column</mj-text>',
    );
    // Three entries add lines before the errors: the lines must still point into the source.
    const result = await compileCampaign({
      mjml,
      campaign,
      entries: [{ title: 'a' }, { title: 'b' }, { title: 'c' }],
    });
    expect(result.errors).toEqual([
      {
        line: lineOf(mjml, 'foo="bar"'),
        message: 'Attribute foo is illegal',
        tagName: 'mj-text',
      },
      {
        line: lineOf(mjml, '<mj-text>outside'),
        message: expect.stringContaining('mj-text cannot be used inside mj-body'),
        tagName: 'mj-text',
      },
    ]);
  });

  it('reports a source that is not MJML at all', async () => {
    const result = await compileCampaign({ mjml: 'Hello', campaign, entries: [] });
    expect(result.html).toBe('');
    expect(result.errors).toEqual([{ line: 0, message: expect.stringContaining('MJML') }]);
  });

  it('reports recipient-level tags that MJML dropped, with their lines', async () => {
    const mjml = mjmlDocument(
      '    {% if subscriber.name %}\n' +
        section('<mj-text>Named</mj-text>') +
        '\n    {% endif %}\n' +
        '    <mj-raw>{% if subscriber.attributes.vip %}</mj-raw>\n' +
        section('<mj-text>VIP</mj-text>') +
        '\n    <mj-raw>{% endif %}</mj-raw>',
    );
    const result = await compileCampaign({ mjml, campaign, entries: [] });
    expect(result.errors).toEqual([
      {
        line: lineOf(mjml, '{% if subscriber.name %}'),
        message:
          '{% if subscriber.name %} was dropped by the MJML compiler: a tag that stands ' +
          'between MJML elements must go inside <mj-raw> (or <mj-text>)',
      },
      { line: lineOf(mjml, '{% endif %}'), message: expect.stringContaining('{% endif %} was') },
    ]);
  });

  it('reports a block that MJML split apart, at the tag where phase 2 fails', async () => {
    // MJML copies the title into the body's aria-label: the `if` appears twice, `endif` once.
    const mjml = [
      '<mjml>',
      '  <mj-head><mj-title>{% if subscriber.name %}Hi</mj-title></mj-head>',
      '  <mj-body><mj-raw>{% endif %}</mj-raw></mj-body>',
      '</mjml>',
    ].join('\n');
    const result = await compileCampaign({ mjml, campaign, entries: [] });
    expect(result.errors).toEqual([
      { line: 2, message: expect.stringContaining('the compiled HTML is not valid Liquid') },
    ]);
  });

  it('does not read files through <mj-include> or Liquid includes', async () => {
    const mjml = mjmlDocument(
      '    <mj-include path="/etc/passwd" />\n' +
        '    <mj-include path="/etc/passwd" type="css" />\n' +
        section('<mj-text>x</mj-text>'),
    );
    const html = await compileClean(mjml);
    expect(html).not.toContain('root:');

    const withLiquid = mjmlDocument(section('<mj-text>{% include "/etc/passwd" %}</mj-text>'));
    const result = await compileCampaign({ mjml: withLiquid, campaign, entries: [] });
    expect(result.errors[0].message).toContain('Failed to lookup');
    expect(JSON.stringify(result)).not.toContain('root:');
  });
});

describe('renderMessage, phase 2', () => {
  const greeting = mjmlDocument(section('<mj-text>Hello {{ subscriber.name | default: "friend" }}!</mj-text>'));

  it('renders merge tags per recipient from one parsed template', async () => {
    const html = await compileClean(greeting);
    const prepared = prepareTemplate({ html, subject: 'News for {{ subscriber.name }}' });
    expect(renderMessage(prepared, recipient()).html).toContain('Hello Ada!');
    expect(renderMessage(prepared, recipient({ name: null })).html).toContain('Hello friend!');
    expect(renderMessage(prepared, recipient({ name: 'Bo' })).subject).toBe('News for Bo');
  });

  it('escapes subscriber values in the HTML', async () => {
    const message = await render(greeting, recipient({ name: '<script>alert(1)</script>' }));
    expect(message.html).toContain('Hello &lt;script&gt;alert(1)&lt;/script&gt;!');
    expect(message.html).not.toContain('<script>');
  });

  it('renders the subject without HTML escaping and without line breaks', async () => {
    const html = await compileClean(greeting);
    const prepared = prepareTemplate({ html, subject: '{{ subscriber.name }} & you' });
    const { subject } = renderMessage(prepared, recipient({ name: 'Tom <tom>\r\nBcc: x@evil\u0000' }));
    expect(subject).toBe('Tom <tom> Bcc: x@evil & you');
  });

  it('gives the subject the campaign’s entries, whose text never runs as Liquid', async () => {
    const html = await compileClean(greeting);
    const entries = [{ title: 'Tulips {{ subscriber.email }} <b>' }, { title: 'Second' }];
    const prepared = prepareTemplate({
      html,
      subject: 'New: {{ entry.title }} (+{{ entries.size | minus: 1 }})',
      entries,
    });
    expect(renderMessage(prepared, recipient()).subject).toBe('New: Tulips {{ subscriber.email }} <b> (+1)');
  });

  it('adds a text part without images or hidden preheaders', async () => {
    const mjml = [
      '<mjml><mj-head><mj-preview>Hidden preheader</mj-preview></mj-head><mj-body>',
      section(
        '<mj-image src="https://example.com/logo.png" alt="Logo" />\n' +
          '<mj-text><p>Hello {{ subscriber.name }}, read <a href="https://example.com/a">this</a>.</p></mj-text>\n' +
          '<mj-button href="{{ unsubscribe_url }}">Unsubscribe</mj-button>',
      ),
      '</mj-body></mjml>',
    ].join('\n');
    const { text } = await render(mjml);
    expect(text).toContain('Hello Ada, read this [https://example.com/a].');
    // Long links go on a line of their own, never split.
    expect(text).toMatch(
      /Unsubscribe\s+\[https:\/\/news\.example\.com\/api\/email-campaigns\/unsubscribe\?token=abc\]/,
    );
    expect(text).not.toContain('Hidden preheader');
    expect(text).not.toContain('logo.png');
  });

  it('runs a recipient-level {% if %} inside <mj-raw>', async () => {
    const mjml = mjmlDocument(
      '    <mj-raw>{% if subscriber.attributes.vip %}</mj-raw>\n' +
        section('<mj-text>VIP offer</mj-text>') +
        '\n    <mj-raw>{% endif %}</mj-raw>',
    );
    const vip = await render(mjml, recipient({ attributes: { vip: true } }));
    const regular = await render(mjml, recipient({ attributes: { vip: false } }));
    expect(vip.text).toContain('VIP offer');
    expect(regular.text).not.toContain('VIP offer');
  });

  it('keeps values derived from the recipient for phase 2', async () => {
    const mjml = mjmlDocument(
      section(
        '<mj-text>{% assign first = subscriber.name | split: " " | first %}Dear {{ first }}.' +
          ' {% for tag in subscriber.attributes.tags %}[{{ tag }}:{{ forloop.index }}]{% endfor %}' +
          ' {% if campaign.subject == "nope" %}no{% elsif subscriber.attributes.vip %}VIP{% else %}' +
          'regular{% endif %}' +
          ' {% capture hi %}Hi {{ subscriber.email }}{% endcapture %}{{ hi }}' +
          ' {% for e in entries %}{% if subscriber.attributes.vip %}({{ e.title }}){% endif %}{% endfor %}' +
          '</mj-text>',
      ),
    );
    const vars = recipient({ name: 'Ada Lovelace', attributes: { vip: true, tags: ['x', 'y'] } });
    const { text } = await render(mjml, vars, [{ title: 'One' }, { title: 'Two' }]);
    expect(text).toContain('Dear Ada. [x:1][y:2] VIP Hi ada@example.com (One)(Two)');
  });
  it('runs every assignment of a variable in phase 2 once one depends on the recipient', async () => {
    const mjml = mjmlDocument(
      section(
        '<mj-text>{% assign greeting = "Hello" %}{% capture sign %}The team{% endcapture %}' +
          '{% if subscriber.attributes.vip %}{% assign greeting = "Dear VIP" %}' +
          '{% capture sign %}Your account manager{% endcapture %}{% endif %}' +
          '{% liquid\n assign initial = subscriber.name | slice: 0\n %}' +
          '{{ greeting }} {{ initial }}, {{ sign }}.</mj-text>',
      ),
    );
    const html = await compileClean(mjml);
    const prepared = prepareTemplate({ html, subject: '' });
    const vip = renderMessage(prepared, recipient({ attributes: { vip: true } }));
    const regular = renderMessage(prepared, recipient({ name: 'Bo' }));
    expect(vip.text).toContain('Dear VIP A, Your account manager.');
    expect(regular.text).toContain('Hello B, The team.');
  });
});
