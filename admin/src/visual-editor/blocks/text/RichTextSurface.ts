import { styled } from 'styled-components';

/**
 * The admin's stylesheet resets headings, paragraphs and lists; a text block's HTML is drawn here with
 * the browser defaults a mail client gives it, so the canvas looks like the mail.
 */
export const RichTextSurface = styled.div`
  overflow-wrap: anywhere;
  outline: none;
  cursor: text;
  & p,
  & ul,
  & ol {
    margin: 1em 0;
  }
  & h1 {
    font-size: 2em;
    margin: 0.67em 0;
    font-weight: bold;
  }
  & h2 {
    font-size: 1.5em;
    margin: 0.83em 0;
    font-weight: bold;
  }
  & h3 {
    font-size: 1.17em;
    margin: 1em 0;
    font-weight: bold;
  }
  & ul {
    list-style: disc;
    padding-left: 40px;
  }
  & ol {
    list-style: decimal;
    padding-left: 40px;
  }
  & a {
    color: inherit;
    text-decoration: underline;
  }
  & b,
  & strong {
    font-weight: bold;
  }
  & i,
  & em {
    font-style: italic;
  }
  & img {
    max-width: 100%;
  }
`;
