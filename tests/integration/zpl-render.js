// ZPL to PNG offline with zebrash (npm zpl-renderer-js), for labels.sh:
//   node zpl-render.js FILE.zpl PREFIX WIDTH_MM HEIGHT_MM DOTS_PER_MM
// writes PREFIX-1.png, PREFIX-2.png ... one per label.
const fs = require("node:fs");
const { ready } = require("zpl-renderer-js");

(async () => {
  const [file, prefix, w, h, dpmm] = process.argv.slice(2);
  const { api } = await ready;
  const labels = await api.zplToBase64MultipleAsync(
    fs.readFileSync(file, "utf8"), Number(w), Number(h), Number(dpmm));
  labels.forEach((l, i) =>
    fs.writeFileSync(`${prefix}-${i + 1}.png`, Buffer.from(l, "base64")));
  process.exit(0);
})().catch((e) => { console.error(String(e)); process.exit(1); });
