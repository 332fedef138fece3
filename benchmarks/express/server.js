// What a user would write instead of Switchboard: an Express receiver for WhatsApp webhooks.
// It reads the raw body, checks X-Hub-Signature-256 (sha256= + hex HMAC-SHA256 of the raw bytes)
// with crypto.timingSafeEqual, appends the bytes to one file and answers 200 (401 otherwise).
// Durability as the floor and Switchboard's embedded default: written through to the OS
// (write(2) on an O_APPEND descriptor) before the 200, no fsync.
//
// usage: node server.js PORT SECRET FILE [WORKERS]   (WORKERS > 1: node:cluster, one port)
'use strict';
const cluster = require('node:cluster');
const crypto = require('node:crypto');
const fs = require('node:fs');

const [port, secret, file, workersArg] = process.argv.slice(2);
const workers = Number(workersArg || 1);

if (workers > 1 && cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', (worker, code) => console.error(`worker ${worker.process.pid} exited (${code})`));
} else {
  const express = require('express');
  const fd = fs.openSync(file, 'a');
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (req, res) => res.sendStatus(200));
  app.post('/webhooks/whatsapp', express.raw({ type: () => true, limit: '8mb' }), (req, res) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const given = Buffer.from(req.get('x-hub-signature-256') || '', 'utf8');
    const expected = Buffer.from(
      'sha256=' + crypto.createHmac('sha256', secret).update(body).digest('hex'), 'utf8');
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
      return res.sendStatus(401);
    }
    fs.write(fd, body, (err) => {
      if (err) return res.sendStatus(503);
      res.sendStatus(200);
    });
  });
  app.listen(Number(port), () => console.log(`express (pid ${process.pid}) listening on ${port}`));
}
