import { solarisModel } from '../common/ids/ids.js';

/** The Solaris models of question sets: their id suffixes, 404 names and documented ids. */
export const QUESTION_SET = solarisModel(
  'QuestionSet',
  'cqset',
  'b4897de4ad4142faa0a7822b84edf597cqset',
);
export const QUESTION = solarisModel('Question', 'cqst', '1f0130f81d84ed3c75b32c428d5d7d93cqst');
