// Verifies one delivery as a receiver would, with the Standard Webhooks reference library.
// Usage: node verify-webhook.js <secret> <file>; the file holds {"headers": {...}, "body": "<raw body>"}.
// Prints {"verified": true, "payload": {...}} or {"verified": false, "error": "..."}.
const fs = require("fs");
const { Webhook } = require("standardwebhooks");

const [secret, file] = process.argv.slice(2);
const delivery = JSON.parse(fs.readFileSync(file, "utf8"));
try {
  const payload = new Webhook(secret).verify(delivery.body, delivery.headers);
  console.log(JSON.stringify({ verified: true, payload }));
} catch (e) {
  console.log(JSON.stringify({ verified: false, error: String(e && e.message) }));
}
