// The compliance report the site shows, made once per build: the checker run on the exports in
// HANDBOOK_RECORDS (the sample exports when it is not set) as of the build day, with the trends
// over the earlier reports in HANDBOOK_HISTORY when it is set (the scheduled workflow sets both).
// The compliance page and every department page read it from here; a folder holding just the
// sample exports counts as the samples (a banner says so on every page that shows the report).
import { holdsOnlySamples, samplesFolder } from './sample-data.ts';
import { runCheck } from '../../checks/run.ts';
import { readHistory, trendsOf } from '../../checks/trends.ts';
import { policyTimeline } from '../model/versions.ts';
import { obligationRules } from '../../checks/rules/index.ts';
import { org, policies } from './data.ts';

export const recordsFolder = process.env.HANDBOOK_RECORDS;
export const usesSamples = !recordsFolder || holdsOnlySamples(recordsFolder);
// Each record is judged by the version of its policy in force on its due date (the history's).
const checked = await runCheck({
  recordsDir: recordsFolder ?? samplesFolder,
  org,
  policies,
  timeline: policyTimeline(org, policies, obligationRules),
});
const history = process.env.HANDBOOK_HISTORY;
export const report = history ? { ...checked, trends: trendsOf(readHistory(history), checked) } : checked;

/**
 * Up to this many findings and upcoming deadlines, /compliance/ shows them all; beyond, it shows
 * each department's counts and links to the department's own pages: no page grows with the handbook.
 */
export const COMPLIANCE_ONE_PAGE = 300;

/** Findings and upcoming deadlines on one page of a department's report (/compliance/sales/2/). */
export const COMPLIANCE_PAGE = 200;
