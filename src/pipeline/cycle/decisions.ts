/**
 * The cycle's decisions after model drift (model-drift.ts on a new batch, realized-drift.ts on labelled
 * production chunks): whether to retrain, from the kinds of drift found and the ones `retrain_on` lists
 * (`model_drift` covers both sources), and whether to deploy the challenger, from `deploy_policy` and
 * the challenger's and the champion's F1 on the same test data. Pure functions of numbers.
 */
import type { Config } from '../../config.ts';
import type { RunDecisions } from '../../records/run-record.ts';
import type { ModelDriftDecision } from './model-drift.ts';
import type { RealizedDriftDecision } from './realized-drift.ts';

export type RetrainDecision = NonNullable<RunDecisions['retrain']>;
export type DeployDecision = NonNullable<RunDecisions['deploy']>;

/**
 * Retrain when a kind of drift that `retrainOn` lists was found (model drift first, as recorded): model
 * drift on the new batch, on realized performance (each null when model_drift.source does not judge it),
 * dataset drift.
 */
export function decideRetrain(
  retrainOn: Config['retrain_on'],
  modelDrift: Pick<ModelDriftDecision, 'drifted'> | null,
  realizedDrift: Pick<RealizedDriftDecision, 'drifted'> | null,
  datasetDrift: boolean,
): RetrainDecision {
  const onModelDrift = retrainOn.includes('model_drift');
  const because = [
    ...(modelDrift?.drifted && onModelDrift ? ['model_drift'] : []),
    ...(realizedDrift?.drifted && onModelDrift ? ['realized_model_drift'] : []),
    ...(datasetDrift && retrainOn.includes('data_drift') ? ['data_drift'] : []),
  ];
  return { retrain: because.length > 0, because };
}

/** A model and its F1 on the test data. */
export interface Contender {
  id: string;
  f1: number;
}

/** Deploy the challenger when the policy is `always`, or when its F1 is not below the champion's. */
export function decideDeploy(
  policy: Config['deploy_policy'],
  challenger: Contender,
  champion: Contender,
): DeployDecision {
  const notWorse = challenger.f1 >= champion.f1;
  const reason =
    policy === 'always'
      ? 'deploy_policy is always'
      : `challenger F1 ${challenger.f1.toFixed(4)} is ${notWorse ? 'not below' : 'below'} champion F1 ${champion.f1.toFixed(4)}`;
  return {
    policy,
    challenger_id: challenger.id,
    challenger_f1: challenger.f1,
    champion_id: champion.id,
    champion_f1: champion.f1,
    deployed: policy === 'always' || notWorse,
    reason,
  };
}
