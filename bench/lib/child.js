// Runs one benchmark body in this process and hands its figures to bench/run.js through a file.
const fs = require('node:fs');

module.exports = function runChild(main) {
  const out = process.env.BENCH_OUT;
  main(process.argv.slice(2))
    .then((result) => {
      if (out) fs.writeFileSync(out, JSON.stringify(result));
      else console.log(JSON.stringify(result, null, 2));
      process.exit(0);
    })
    .catch((error) => {
      // Knex puts the whole SQL in its messages: keep a failed bulk insert from flooding the terminal.
      const text = String((error && error.stack) || error);
      console.error(
        text.length > 3000
          ? `${text.slice(0, 1500)}\n[... ${text.length - 3000} characters ...]\n${text.slice(-1500)}`
          : text,
      );
      process.exit(1);
    });
};
