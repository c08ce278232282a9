// The demo's mail catcher: an SMTP server on 127.0.0.1 that keeps every message as an .eml file
// and a small web page that lists and shows them. Nothing leaves the machine.
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { SMTPServer } = require('smtp-server');
const { simpleParser } = require('mailparser');

const escapeHtml = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function startMailCatcher({ dir, smtpPort = 1025, httpPort = 1080, log = console.log }) {
  fs.mkdirSync(dir, { recursive: true });
  const files = () =>
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.eml'))
      .sort()
      .reverse();
  let counter = files().length;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onAuth: (auth, session, callback) => callback(null, { user: auth.username }),
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => {
        counter += 1;
        const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${String(counter).padStart(5, '0')}.eml`;
        fs.writeFileSync(path.join(dir, name), Buffer.concat(chunks));
        log(`[mail] caught message for ${session.envelope.rcptTo.map((r) => r.address).join(', ')}`);
        callback();
      });
    },
  });
  await new Promise((resolve, reject) => smtp.listen(smtpPort, '127.0.0.1', resolve).once('error', reject));

  const page = (title, body) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
    `<style>body{font:15px system-ui,sans-serif;margin:2rem;color:#212134}table{border-collapse:collapse;width:100%}` +
    `td,th{padding:.5rem;border-bottom:1px solid #eaeaef;text-align:left}iframe{width:100%;height:70vh;border:1px solid #ddd}</style>` +
    `</head><body>${body}</body></html>`;

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const name = path.basename(decodeURIComponent(url.pathname.slice(1)));
    try {
      if (url.pathname === '/') {
        const rows = await Promise.all(
          files().map(async (file) => {
            const mail = await simpleParser(fs.readFileSync(path.join(dir, file)));
            return (
              `<tr><td>${escapeHtml(mail.date?.toISOString())}</td><td>${escapeHtml(mail.to?.text)}</td>` +
              `<td><a href="/${encodeURIComponent(file)}.html">${escapeHtml(mail.subject)}</a></td>` +
              `<td><a href="/${encodeURIComponent(file)}">.eml</a></td></tr>`
            );
          }),
        );
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          page(
            'Caught mail',
            `<h1>Caught mail (${rows.length})</h1><p>Files in ${escapeHtml(dir)}</p>` +
              `<table><tr><th>Date</th><th>To</th><th>Subject</th><th>Raw</th></tr>${rows.join('')}</table>`,
          ),
        );
      } else if (name.endsWith('.eml.html') && fs.existsSync(path.join(dir, name.slice(0, -5)))) {
        const mail = await simpleParser(fs.readFileSync(path.join(dir, name.slice(0, -5))));
        const headers = ['from', 'to', 'subject', 'list-unsubscribe', 'list-unsubscribe-post', 'list-id', 'message-id']
          .filter((h) => mail.headers.has(h))
          .map(
            (h) =>
              `<tr><th>${h}</th><td>${escapeHtml(mail.headerLines.find((l) => l.key === h)?.line.slice(h.length + 1))}</td></tr>`,
          );
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          page(
            mail.subject,
            `<p><a href="/">All mail</a></p><table>${headers.join('')}</table>` +
              `<iframe sandbox srcdoc="${escapeHtml(mail.html || `<pre>${escapeHtml(mail.text)}</pre>`)}"></iframe>`,
          ),
        );
      } else if (name.endsWith('.eml') && fs.existsSync(path.join(dir, name))) {
        res.writeHead(200, { 'content-type': 'message/rfc822' });
        res.end(fs.readFileSync(path.join(dir, name)));
      } else {
        res.writeHead(404).end('Not found');
      }
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  await new Promise((resolve, reject) => server.listen(httpPort, '127.0.0.1', resolve).once('error', reject));

  return {
    smtpPort,
    url: `http://127.0.0.1:${httpPort}`,
    close: () => Promise.all([new Promise((r) => smtp.close(r)), new Promise((r) => server.close(r))]),
  };
}

module.exports = { startMailCatcher };
