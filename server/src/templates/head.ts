/**
 * The head the starter templates share: the subject as title, the preheader, web-safe fonts (no
 * font request to a third party) and the colours. See docs/architecture.md, "Templates".
 */
export const STARTER_HEAD = `  <mj-head>
    <mj-title>{{ campaign.subject }}</mj-title>
    <mj-preview>{{ campaign.preheader }}</mj-preview>
    <mj-attributes>
      <mj-all font-family="Helvetica, Arial, sans-serif" />
      <mj-text font-size="16px" line-height="1.6" color="#32324d" />
      <mj-button background-color="#4945ff" color="#ffffff" font-size="16px" border-radius="4px" />
    </mj-attributes>
  </mj-head>`;

/** The footer every starter ends with: why the mail came, and the links to leave or choose. */
export const STARTER_FOOTER = `    <mj-section padding="16px 24px">
      <mj-column>
        <mj-text font-size="12px" color="#666687" align="center">
          You receive this because you subscribed to {{ campaign.name }}.<br />
          <a href="{{ preferences_url }}" style="color:#666687">Choose what you receive</a> ·
          <a href="{{ unsubscribe_url }}" style="color:#666687">Unsubscribe</a>
        </mj-text>
      </mj-column>
    </mj-section>`;
