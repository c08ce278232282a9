import { STARTER_FOOTER, STARTER_HEAD } from './head';

/** An announcement: one headline, one message, one button. */
export const announcement = {
  key: 'starter-announcement',
  name: 'Announcement',
  subject: 'Big news',
  preheader: 'Something new is here',
  mjml: `<mjml>
${STARTER_HEAD}
  <mj-body background-color="#f6f6f9" width="600px">
    <mj-section background-color="#ffffff" padding="40px 24px 8px" border-top="6px solid #4945ff">
      <mj-column>
        <mj-text font-size="14px" font-weight="bold" color="#4945ff" align="center">ANNOUNCEMENT</mj-text>
        <mj-text font-size="30px" line-height="1.25" font-weight="bold" align="center">
          Something new is here
        </mj-text>
        <mj-text align="center">
          Hello {{ subscriber.name | default: "there" }}, tell your readers in two or three sentences what
          changed and why it matters to them.
        </mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="8px 24px 40px">
      <mj-column>
        <mj-button href="https://example.com/news" padding="16px 0">See what is new</mj-button>
        <mj-text font-size="14px" color="#666687" align="center">Questions? Just reply to this email.</mj-text>
      </mj-column>
    </mj-section>
${STARTER_FOOTER}
  </mj-body>
</mjml>
`,
};
