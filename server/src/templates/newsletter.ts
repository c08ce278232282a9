import { STARTER_FOOTER, STARTER_HEAD } from './head';

/** A newsletter: a masthead, an opening note, two stories side by side (stacked on a phone), a call to action. */
export const newsletter = {
  key: 'starter-newsletter',
  name: 'Newsletter',
  subject: 'The latest from us',
  preheader: 'What happened this month, in five minutes',
  mjml: `<mjml>
${STARTER_HEAD}
  <mj-body background-color="#f6f6f9" width="600px">
    <mj-section background-color="#4945ff" padding="24px">
      <mj-column>
        <mj-text font-size="26px" font-weight="bold" color="#ffffff">Our newsletter</mj-text>
        <mj-text color="#e0e0ff" padding-top="0">Issue of the month</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="24px 24px 8px">
      <mj-column>
        <mj-text font-size="20px" font-weight="bold">Hello {{ subscriber.name | default: "there" }},</mj-text>
        <mj-text>Here is what we have been working on. Replace this text with your opening note.</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="0 12px 16px">
      <mj-column>
        <mj-text font-size="18px" font-weight="bold">First story</mj-text>
        <mj-text>A few lines that make the reader want to know more.</mj-text>
        <mj-button href="https://example.com/first-story" align="left">Read more</mj-button>
      </mj-column>
      <mj-column>
        <mj-text font-size="18px" font-weight="bold">Second story</mj-text>
        <mj-text>Another short summary, with a link to the whole article.</mj-text>
        <mj-button href="https://example.com/second-story" align="left">Read more</mj-button>
      </mj-column>
    </mj-section>
${STARTER_FOOTER}
  </mj-body>
</mjml>
`,
};
