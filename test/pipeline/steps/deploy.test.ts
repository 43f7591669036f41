import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { deploymentLayout } from '../../../src/deployment/layout.ts';
import { liveModelId, loadLiveDeployment } from '../../../src/deployment/live-deployment.ts';
import { stageVersion } from '../../../src/deployment/publish.ts';
import { readVersionReference } from '../../../src/deployment/version-reference.ts';
import { CorruptFileError, NotFoundError } from '../../../src/errors.ts';
import { deploy, rollback } from '../../../src/pipeline/steps/deploy.ts';
import { ingest } from '../../../src/pipeline/steps/ingest.ts';
import { score } from '../../../src/pipeline/steps/score.ts';
import { train } from '../../../src/pipeline/steps/train.ts';
import { outputLayout } from '../../../src/records/output-layout.ts';
import { ingestTrainScoreDeploy, withInput } from '../../helpers/pipeline-steps.ts';
import { makeTempProject, seedReference } from '../../helpers/temp-project.ts';

const SEED_NAMES = [
  'trainedmodel.json',
  'latestscore.txt',
  'latestscore.json',
  'ingestedfiles.txt',
  'ingestedfiles.json',
];

describe('deployment', () => {
  it('deploys the trained model as versions/<id>, readable under the seed names, and loads it', async () => {
    const project = makeTempProject();
    try {
      const prod = project.config.prod_deployment_path;
      await assert.rejects(loadLiveDeployment(prod), NotFoundError);
      const result = await ingestTrainScoreDeploy(project.config);
      assert.equal(result.previous, null);
      const live = await loadLiveDeployment(prod);
      assert.equal(live.modelId, result.modelId);
      assert.equal(live.score.f1, seedReference().datasets.reference.test_scores.f1);
      assert.ok(live.wentLiveAt);
      for (const name of SEED_NAMES) {
        assert.equal(
          readFileSync(join(prod, name), 'utf8'),
          readFileSync(join(prod, 'versions', result.modelId, name), 'utf8'),
        );
      }
      assert.equal(readFileSync(join(prod, 'latestscore.txt'), 'utf8').trim(), String(live.score.f1));
      assert.equal(readFileSync(join(prod, 'ingestedfiles.txt'), 'utf8'), 'dataset1.csv\ndataset2.csv\n');
    } finally {
      project.cleanup();
    }
  });

  it('leaves the previous deployment live and whole when a deploy stops before the switch', async () => {
    const project = makeTempProject();
    try {
      const prod = project.config.prod_deployment_path;
      const first = await ingestTrainScoreDeploy(project.config);
      const before = readFileSync(join(prod, 'trainedmodel.json'));
      const next = withInput(project.config, 'sourcedata');
      await ingest(next);
      const { file } = await train(next);
      await score(next);
      // A crash after the new version folder was written, before `current` moved:
      await stageVersion(prod, file.model_id, {
        'trainedmodel.json': readFileSync(join(next.output_model_path, 'trainedmodel.json'), 'utf8'),
        'latestscore.txt': readFileSync(join(next.output_model_path, 'latestscore.txt'), 'utf8'),
        'latestscore.json': readFileSync(join(next.output_model_path, 'latestscore.json'), 'utf8'),
        'ingestedfiles.txt': readFileSync(join(next.output_folder_path, 'ingestedfiles.txt'), 'utf8'),
        'ingestedfiles.json': readFileSync(join(next.output_folder_path, 'ingestedfiles.json'), 'utf8'),
      });
      // ...and a crash in the middle of copying another version (a dead process's temporary folder):
      const stale = join(deploymentLayout(prod).versions, '.tmp-20990101T000000Z-deadbeef-999999-0badf00d');
      mkdirSync(stale);
      writeFileSync(join(stale, 'trainedmodel.json'), '{"half":');
      assert.equal((await loadLiveDeployment(prod)).modelId, first.modelId);
      assert.deepEqual(readFileSync(join(prod, 'trainedmodel.json')), before);
      const second = await deploy(next);
      assert.equal(second.modelId, file.model_id);
      assert.equal(second.previous, first.modelId);
      assert.equal((await loadLiveDeployment(prod)).modelId, file.model_id);
      assert.ok(!existsSync(stale), 'the stale temporary folder is cleaned up');
    } finally {
      project.cleanup();
    }
  });

  it('rolls back to the previous model byte for byte, and refuses when there is nothing earlier', async () => {
    const project = makeTempProject();
    try {
      const prod = project.config.prod_deployment_path;
      const first = await ingestTrainScoreDeploy(project.config);
      await assert.rejects(rollback(project.config), /first deployed version; there is no earlier version/);
      const bytes = Object.fromEntries(SEED_NAMES.map((name) => [name, readFileSync(join(prod, name))]));
      const second = await ingestTrainScoreDeploy(withInput(project.config, 'sourcedata'));
      assert.notEqual(second.modelId, first.modelId);
      assert.notDeepEqual(readFileSync(join(prod, 'trainedmodel.json')), bytes['trainedmodel.json']);
      const back = await rollback(project.config);
      assert.equal(back.modelId, first.modelId);
      assert.equal(back.previous, second.modelId);
      assert.equal(await liveModelId(prod), first.modelId);
      for (const name of SEED_NAMES) assert.deepEqual(readFileSync(join(prod, name)), bytes[name], name);
      assert.deepEqual(
        readdirSync(join(prod, 'versions')).sort(),
        [first.modelId, second.modelId].sort(),
        'versions are kept',
      );
    } finally {
      project.cleanup();
    }
  });

  it('refuses a corrupted trainedmodel.json in production with an error naming the file', async () => {
    const project = makeTempProject({ seed: ['practicedata', 'testdata'] });
    try {
      const prod = project.config.prod_deployment_path;
      const { modelId } = await ingestTrainScoreDeploy(project.config);
      const path = join(prod, 'versions', modelId, 'trainedmodel.json');
      const good = readFileSync(path, 'utf8');
      writeFileSync(path, good.slice(0, 100));
      await assert.rejects(
        loadLiveDeployment(prod),
        (error: unknown) =>
          error instanceof CorruptFileError && error.message.includes(path) && /not valid JSON/.test(error.message),
      );
      writeFileSync(path, good.replace('"coefficients": [', '"coefficients": [1, '));
      await assert.rejects(
        loadLiveDeployment(prod),
        (error: unknown) =>
          error instanceof CorruptFileError && error.message.includes(path) && /coefficients/.test(error.message),
      );
    } finally {
      project.cleanup();
    }
  });

  it('refuses to deploy a model whose score belongs to another model', async () => {
    const project = makeTempProject();
    try {
      await ingestTrainScoreDeploy(project.config);
      await train(project.config);
      await assert.rejects(deploy(project.config), /scores model .* not the trained model .*run `npm run score`/);
    } finally {
      project.cleanup();
    }
  });
});

describe('deployment of the monitoring reference', () => {
  it("publishes the model folder's reference with the version, readable by model id, with no top-level name", async () => {
    const project = makeTempProject({ seed: ['practicedata', 'testdata'] });
    try {
      const prod = project.config.prod_deployment_path;
      const { modelId } = await ingestTrainScoreDeploy(project.config);
      const modelFolderCopy = readFileSync(outputLayout(project.config).models.monitoringReference);
      assert.deepEqual(readFileSync(join(prod, 'versions', modelId, 'monitoring_reference.json')), modelFolderCopy);
      const reference = await readVersionReference(prod, modelId);
      assert.equal(reference?.modelId, modelId);
      assert.equal(reference?.rows, (await loadLiveDeployment(prod)).modelFile.training_rows);
      assert.ok(!existsSync(join(prod, 'monitoring_reference.json')));
      await assert.rejects(readVersionReference(prod, '../x'), NotFoundError);
      assert.equal(await readVersionReference(prod, 'no-such-version'), null);
    } finally {
      project.cleanup();
    }
  });

  it("leaves out another model's reference (warned), and deploys without one when the model folder has none", async () => {
    const project = makeTempProject();
    try {
      const prod = project.config.prod_deployment_path;
      const referencePath = outputLayout(project.config).models.monitoringReference;
      await ingestTrainScoreDeploy(project.config);
      const firstReference = readFileSync(referencePath);
      const next = withInput(project.config, 'sourcedata');
      await ingest(next);
      await train(next);
      await score(next);
      writeFileSync(referencePath, firstReference); // a stale reference of the first model
      const second = await deploy(next);
      assert.ok(!existsSync(join(prod, 'versions', second.modelId, 'monitoring_reference.json')));
      assert.equal(await readVersionReference(prod, second.modelId), null);

      await train(project.config);
      await score(project.config);
      rmSync(referencePath);
      const third = await deploy(project.config);
      assert.equal(await readVersionReference(prod, third.modelId), null);
      assert.equal((await loadLiveDeployment(prod)).modelId, third.modelId);
    } finally {
      project.cleanup();
    }
  });

  it('refuses a corrupt reference in the model folder, naming the file and the field', async () => {
    const project = makeTempProject({ seed: ['practicedata', 'testdata'] });
    try {
      const referencePath = outputLayout(project.config).models.monitoringReference;
      await ingest(project.config);
      await train(project.config);
      await score(project.config);
      writeFileSync(referencePath, readFileSync(referencePath, 'utf8').replace('"exited": [', '"exited": [7,'));
      await assert.rejects(
        deploy(project.config),
        (error: unknown) =>
          error instanceof CorruptFileError &&
          error.message.includes(referencePath) &&
          /field columns\.exited\.0: expected 0 or 1, got 7/.test(error.message),
      );
      assert.equal(await liveModelId(project.config.prod_deployment_path), null);
    } finally {
      project.cleanup();
    }
  });

  it('a version deployed before references were kept stays complete: redeployed, rolled back to, without one', async () => {
    const project = makeTempProject();
    try {
      const prod = project.config.prod_deployment_path;
      const old = await ingestTrainScoreDeploy(project.config);
      rmSync(join(prod, 'versions', old.modelId, 'monitoring_reference.json')); // as an old version has none
      const staged = await stageVersion(prod, old.modelId, {
        'trainedmodel.json': 'not written: the complete folder is reused',
        'latestscore.txt': '',
        'latestscore.json': '',
        'ingestedfiles.txt': '',
        'ingestedfiles.json': '',
      });
      assert.equal(staged, join(prod, 'versions', old.modelId));
      const current = await ingestTrainScoreDeploy(withInput(project.config, 'sourcedata'));
      assert.ok(await readVersionReference(prod, current.modelId));
      const back = await rollback(project.config);
      assert.equal(back.modelId, old.modelId);
      assert.equal((await loadLiveDeployment(prod)).modelId, old.modelId);
      assert.equal(await readVersionReference(prod, old.modelId), null);
    } finally {
      project.cleanup();
    }
  });

  it("refuses a version folder's reference that belongs to another model", async () => {
    const project = makeTempProject();
    try {
      const prod = project.config.prod_deployment_path;
      const first = await ingestTrainScoreDeploy(project.config);
      const second = await ingestTrainScoreDeploy(withInput(project.config, 'sourcedata'));
      const path = join(prod, 'versions', second.modelId, 'monitoring_reference.json');
      writeFileSync(path, readFileSync(join(prod, 'versions', first.modelId, 'monitoring_reference.json')));
      await assert.rejects(
        readVersionReference(prod, second.modelId),
        (error: unknown) => error instanceof CorruptFileError && error.message.includes(path),
      );
    } finally {
      project.cleanup();
    }
  });
});
