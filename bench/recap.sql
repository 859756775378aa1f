-- The recap's aggregate as one SQL query, over the tidy rows `kompetensi rekap --emit-rows`
-- writes (one row per respondent x competency):
--   respondent_competencies(respondent, unit, position, competency, estimated, target, gap)
-- `target` and `gap` are NULL for no target; `gap` is max(0, target - estimated).
-- It runs unchanged on DuckDB (tests/recap/test_recap_sql.py checks it against the Python
-- aggregate), Trino and Spark SQL (standard GROUPING SETS, CASE, FLOOR, NULLIF only).
-- breakdown 'all' rows are `competencies[]`; 'unit' and 'position' rows are `units[]` and
-- `positions[]` before groups smaller than recap.min_group are hidden (as "< 3"): hide them
-- in the report, HAVING cannot, since a unit's size is the same on each of its rows.
-- mean_gap is rounded half up to 2 decimals with exact arithmetic, as the Python code does.
SELECT
  CASE
    WHEN GROUPING(unit) = 0 THEN 'unit'
    WHEN GROUPING(position) = 0 THEN 'position'
    ELSE 'all'
  END AS breakdown,
  unit,
  position,
  competency,
  COUNT(*) AS respondents,
  SUM(CASE WHEN estimated < target THEN 1 ELSE 0 END) AS below_target,
  SUM(CASE WHEN estimated = target THEN 1 ELSE 0 END) AS at_target,
  SUM(CASE WHEN estimated > target THEN 1 ELSE 0 END) AS above_target,
  SUM(CASE WHEN target IS NULL THEN 1 ELSE 0 END) AS no_target,
  SUM(CASE WHEN estimated = 0 THEN 1 ELSE 0 END) AS level_0,
  SUM(CASE WHEN estimated = 1 THEN 1 ELSE 0 END) AS level_1,
  SUM(CASE WHEN estimated = 2 THEN 1 ELSE 0 END) AS level_2,
  SUM(CASE WHEN estimated = 3 THEN 1 ELSE 0 END) AS level_3,
  SUM(CASE WHEN estimated = 4 THEN 1 ELSE 0 END) AS level_4,
  SUM(CASE WHEN estimated = 5 THEN 1 ELSE 0 END) AS level_5,
  FLOOR(
    CAST(200 * SUM(gap) + COUNT(gap) AS DOUBLE) / CAST(NULLIF(2 * COUNT(gap), 0) AS DOUBLE)
  ) / 100 AS mean_gap
FROM respondent_competencies
GROUP BY GROUPING SETS ((competency), (unit, competency), (position, competency))
ORDER BY breakdown, unit, position, competency
