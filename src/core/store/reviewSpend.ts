// Reviewer spend lives in the `review` events runReview records (one per reviewer run; `cost_usd`
// a number, or null when it could not be priced), not in attempts: these SQL pieces let the
// store's totals and cost report count it beside the attempts', so no money is lost from view.

/** The event kind whose rows carry a reviewer's cost. */
export const REVIEW_EVENT_KIND = 'review';

/** A review event row's priced cost, else NULL (unpriced, or data that is not a review record). */
export const REVIEW_COST_SQL = `(CASE WHEN json_valid(data) AND json_type(data, '$.cost_usd') IN ('integer', 'real') THEN json_extract(data, '$.cost_usd') END)`;

/**
 * One row per spend: attempts (`is_review` 0) and reviewer runs (1), each with its task, run,
 * cost (0 when unknown) and whether it is unpriced. An attempt still running has no price yet;
 * a reviewer is recorded when it ends, so a null cost is always unpriced.
 */
export const SPEND_ROWS_SQL =
  `SELECT task_id, run_id, COALESCE(cost_usd, 0) AS cost, (ended_at IS NOT NULL AND cost_usd IS NULL) AS unpriced, 0 AS is_review FROM attempts ` +
  `UNION ALL SELECT task_id, run_id, COALESCE(${REVIEW_COST_SQL}, 0), ${REVIEW_COST_SQL} IS NULL, 1 FROM events ` +
  `WHERE kind = '${REVIEW_EVENT_KIND}' AND task_id IS NOT NULL`;
