import { test } from 'node:test';
import assert from 'node:assert/strict';
import { staleReason } from '../../../../src/vscode/provider/stale';

const answered = { stopReason: 'maxTokens', cancelled: false, versionAsked: 7, versionNow: 7 };

test('an answer for the text as it still is is shown', () => {
  assert.equal(staleReason(answered), undefined);
});

test('the user typed on while the model worked (the token was cancelled): the finished answer is dropped', () => {
  assert.equal(staleReason({ ...answered, cancelled: true }), 'CANCELLED_DURING_GENERATION');
});

test('the model stopped because the request was cancelled: nothing is shown', () => {
  assert.equal(staleReason({ ...answered, stopReason: 'cancelled' }), 'CANCELLED_DURING_GENERATION');
});

test('the document changed without a cancellation (another edit, a format): the answer is dropped', () => {
  assert.equal(staleReason({ ...answered, versionNow: 8 }), 'DOCUMENT_CHANGED');
});
