import { describe, expect, it } from 'vitest';
import {
  compileCampaign,
  prepareTemplate,
  renderMessage,
  type RecipientVars,
} from '../../server/src/services/composing';
import { GMAIL_CLIP_BYTES, failedChecks, preSendChecks } from '../../server/src/services/composing/pre-send-checks';
import { sampleRender } from '../../server/src/services/composing/sample-render';

const UNSUBSCRIBE = 'http://127.0.0.1:1337/api/email-campaigns/unsubscribe?token=test';
const recipient: RecipientVars = {
  subscriber: { id: 0, email: 'test@example.com', name: 'Test recipient', locale: null, attributes: {} },
  campaign: { name: 'Checks' },
  unsubscribe_url: UNSUBSCRIBE,
  preferences_url: 'http://127.0.0.1:1337/api/email-campaigns/preferences?token=test',
};

const CLEAN_BODY = `
  <mj-image src="https://cdn.example.test/a.png" alt="A harbour at dawn" width="300px" />
  <mj-text>Hello {{ subscriber.name }}. <a href="https://example.test/read">Read</a>,
    <a href="mailto:editor@example.test">write</a> or <a href="tel:+84123">call</a>.</mj-text>
  <mj-button href="{{ unsubscribe_url }}">Unsubscribe</mj-button>`;

async function checksOf(body: string, subject = 'Hi {{ subscriber.name }}') {
  const mjml = `<mjml><mj-body><mj-section><mj-column>${body}</mj-column></mj-section></mj-body></mjml>`;
  const { html, errors } = await compileCampaign({ mjml, campaign: { name: 'Checks', subject } });
  expect(errors).toEqual([]);
  const message = renderMessage(prepareTemplate({ html, subject }), recipient);
  return failedChecks(preSendChecks(message, { unsubscribeUrl: UNSUBSCRIBE }));
}

describe('checks before sending', () => {
  it('a clean campaign passes all of them', async () => {
    expect(await checksOf(CLEAN_BODY)).toEqual([]);
  });

  it.each([
    ['unsubscribe', CLEAN_BODY.replace('{{ unsubscribe_url }}', 'https://example.test/'), /unsubscribe link/],
    ['alt-text', CLEAN_BODY.replace(' alt="A harbour at dawn"', ''), /a\.png" has none/],
    ['alt-text', CLEAN_BODY.replace('A harbour at dawn', ' '), /alternative text/],
    ['link-schemes', CLEAN_BODY.replace('https://example.test/read', 'javascript:alert(1)'), /javascript:alert/],
    ['link-schemes', CLEAN_BODY.replace('https://example.test/read', '/relative/page'), /\/relative\/page/],
    ['size', `${CLEAN_BODY}<mj-text>${'Long text. '.repeat(GMAIL_CLIP_BYTES / 10)}</mj-text>`, /Gmail clips/],
    [
      'text-part',
      '<mj-image src="https://cdn.example.test/a.png" alt="x" /><mj-button href="{{ unsubscribe_url }}"> </mj-button>',
      /plain-text part is empty/,
    ],
    ['merge-tags', CLEAN_BODY.replace('Hello', 'Hello *|FNAME|*'), /\*\|FNAME\|\*/],
    ['merge-tags', CLEAN_BODY.replace('Hello', 'Hello [[first_name]]'), /\[\[first_name\]\]/],
  ])('%s fires with its message (%#)', async (id, body, message) => {
    const failed = await checksOf(body);
    expect(failed.map((check) => check.id)).toEqual([id]);
    expect(failed[0].message).toMatch(message);
  });

  it('checks the subject for merge tags too', async () => {
    const failed = await checksOf(CLEAN_BODY, 'News for [[name]]');
    expect(failed.map((check) => check.id)).toEqual(['merge-tags']);
  });
});

describe('Strapi content shown as written', () => {
  it('is not a merge tag left over: entries are delivered literally by design', async () => {
    const mjml =
      '<mjml><mj-body><mj-section><mj-column><mj-text>{{ entries[0].text }}</mj-text>' +
      '<mj-button href="{{ unsubscribe_url }}">Unsubscribe</mj-button></mj-column></mj-section></mj-body></mjml>';
    const entries = [{ text: 'Write {{ subscriber.email }} to greet' }];
    const { html } = await compileCampaign({ mjml, campaign: { subject: 'Hi' }, entries });
    const message = renderMessage(prepareTemplate({ html, subject: 'Hi' }), recipient);
    expect(message.text).toContain('{{ subscriber.email }}');
    expect(failedChecks(preSendChecks(message, { unsubscribeUrl: UNSUBSCRIBE }))).toEqual([]);
  });
});

describe('checks before sending, on a campaign made from entries', () => {
  const mjml = `<mjml><mj-body><mj-section><mj-column>${CLEAN_BODY}</mj-column></mj-section></mj-body></mjml>`;
  const entries = [{ title: 'Tulips {{ subscriber.email }} {% raw %}' }];

  it('passes an entry whose title holds braces: content is delivered as written', async () => {
    const subject = 'New: {{ entry.title }}';
    const sample = await sampleRender({
      source: { mjml, campaign: { name: 'Checks', subject }, entries },
      subject,
      recipient,
    });
    expect(sample.message?.subject).toBe('New: Tulips {{ subscriber.email }} {% raw %}');
    expect(failedChecks(sample.checks)).toEqual([]);
  });

  it('still flags a merge tag of the subject’s own', async () => {
    const subject = 'New: {{ entry.title }} for *|FNAME|*';
    const sample = await sampleRender({
      source: { mjml, campaign: { name: 'Checks', subject }, entries },
      subject,
      recipient,
    });
    expect(failedChecks(sample.checks).map((check) => check.id)).toEqual(['merge-tags']);
  });
});
