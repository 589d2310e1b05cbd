import assert from 'node:assert/strict';
import { Command } from 'commander';
import { describe, it } from 'node:test';
import { flagValue, settingFlags } from '../../src/cli/settingFlags.js';
import { addSettingOptions, defaultText, flagKey } from '../../src/cli/settingOptions.js';
import { runSetting } from '../../src/settings/index.js';
import { UsageError } from '../../src/util/errors.js';

describe('flags from the settings table', () => {
  it('names commander keys and default texts', () => {
    assert.equal(flagKey('--train-samples'), 'trainSamples');
    assert.equal(flagKey('--lr'), 'lr');
    assert.equal(defaultText(runSetting('network.hidden')), '10,5');
    assert.equal(defaultText(runSetting('training.statsEvery')), 'off');
    assert.equal(defaultText(runSetting('training.learningRate'), 0.1), '0.1');
  });

  it('adds one option per setting with a flag, its default from the command', () => {
    const cmd = addSettingOptions(new Command('x'), [runSetting('training.learningRate'), runSetting('training.l2')], { defaults: { training: { learningRate: 0.5 } }, notes: { 'training.learningRate': 'a note' } });
    assert.deepEqual(cmd.options.map((o) => o.long), ['--lr']);
    assert.equal(cmd.options[0]!.description, 'the learning rate; a note (default: 0.5)');
  });

  it('reads values by rule: numbers, lists, specs; data sets are built to check them', () => {
    assert.equal(flagValue(runSetting('training.learningRate'), '0.25'), 0.25);
    assert.deepEqual(flagValue(runSetting('network.hidden'), '4,3'), [4, 3]);
    assert.deepEqual(flagValue(runSetting('training.optimizer'), 'adam:beta1=0.8'), { beta1: 0.8, name: 'adam' });
    assert.deepEqual(flagValue(runSetting('data'), 'moons:noise=0.2'), { seed: 1, noise: 0.2, name: 'moons' });
    assert.throws(() => flagValue(runSetting('data'), 'moons:noise=-1'), UsageError);
  });

  it('checks the layer against the schema and names the flag', () => {
    const settings = [runSetting('training.learningRate'), runSetting('network.activation'), runSetting('training.batchSize')];
    assert.deepEqual(settingFlags(settings, { lr: '0.1', activation: 'tanh' }), { training: { learningRate: 0.1 }, network: { activation: 'tanh' } });
    assert.throws(() => settingFlags(settings, { lr: '-1' }), /^UsageError: --lr: must be > 0 \(got -1\)\.$/);
    assert.throws(() => settingFlags(settings, { activation: 'tahn' }), /--activation: unknown activation 'tahn'\. Did you mean 'tanh'/);
    assert.throws(() => settingFlags(settings, { batchSize: '2.5' }), /--batch-size: must be an integer \(got 2\.5\)\./);
  });
});
