import { STARTER_FOOTER, STARTER_HEAD } from './head';

/**
 * A digest of articles: one block per Strapi entry chosen in the editor ("Insert content"), each
 * with its cover image and alternative text, its title and summary (rich text printed as HTML: see
 * docs/architecture.md, "Content in templates"); a placeholder until entries are chosen.
 */
export const digest = {
  key: 'starter-digest',
  name: 'Digest of articles',
  subject: 'This week on our site',
  preheader: 'The articles you may have missed',
  mjml: `<mjml>
${STARTER_HEAD}
  <mj-body background-color="#f6f6f9" width="600px">
    <mj-section background-color="#ffffff" padding="24px 24px 0">
      <mj-column>
        <mj-text font-size="24px" font-weight="bold">This week's articles</mj-text>
        <mj-text color="#666687" padding-top="0">Picked for {{ subscriber.name | default: "you" }}</mj-text>
        <mj-divider border-color="#eaeaef" border-width="1px" />
      </mj-column>
    </mj-section>
    {% for entry in entries %}
    <mj-section background-color="#ffffff" padding="0 24px">
      <mj-column>
        {% if entry.cover.url %}<mj-image src="{{ entry.cover.url }}" alt="{{ entry.cover.alternativeText | default: entry.title }}" padding="8px 0" />{% endif %}
        <mj-text font-size="18px" font-weight="bold" padding-bottom="4px">{{ entry.title }}</mj-text>
        {% if entry.summary %}<mj-text padding-top="0">{{ entry.summary | raw }}</mj-text>{% else %}<mj-text padding-top="0">{{ entry.description | default: entry.body | truncate: 200 }}</mj-text>{% endif %}
        <mj-divider border-color="#eaeaef" border-width="1px" />
      </mj-column>
    </mj-section>
    {% else %}
    <mj-section background-color="#ffffff" padding="0 24px">
      <mj-column>
        <mj-text font-size="18px" font-weight="bold" padding-bottom="4px">An article's title</mj-text>
        <mj-text padding-top="0">Choose articles with "Insert content": each gets a block like this one.</mj-text>
        <mj-divider border-color="#eaeaef" border-width="1px" />
      </mj-column>
    </mj-section>
    {% endfor %}
    <mj-section background-color="#ffffff" padding="8px 24px 24px">
      <mj-column>
        <mj-button href="https://example.com/blog">All articles</mj-button>
      </mj-column>
    </mj-section>
${STARTER_FOOTER}
  </mj-body>
</mjml>
`,
};
