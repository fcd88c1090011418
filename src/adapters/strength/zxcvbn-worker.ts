// Runs zxcvbn in a worker thread: one estimate can take most of a second on random input.
import { parentPort, workerData } from 'node:worker_threads';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en';
import type { EstimateReply, EstimateRequest, ZxcvbnWorkerData } from './zxcvbn-protocol.js';

if (!parentPort) throw new Error('zxcvbn-worker must run as a worker thread');
const port = parentPort;
const settings = workerData as ZxcvbnWorkerData;

const zxcvbn = new ZxcvbnFactory({
  translations,
  graphs: adjacencyGraphs,
  dictionary: { ...commonDictionary, ...englishDictionary },
  l33tMaxSubstitutions: settings.l33tMaxSubstitutions,
});

port.on('message', (request: EstimateRequest) => {
  let reply: EstimateReply;
  try {
    const result = zxcvbn.check(request.password, request.userInputs);
    const { warning, suggestions } = result.feedback;
    reply = { id: request.id, ok: true, score: result.score, feedback: warning ? [warning, ...suggestions] : [...suggestions] };
  } catch (error) {
    // Never the password: only the library's message.
    reply = { id: request.id, ok: false, message: error instanceof Error ? error.message : 'estimation failed' };
  }
  port.postMessage(reply);
});
