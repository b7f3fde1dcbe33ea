-- Event ingest writes fewer indexes: the learners list, analytics and the loyalty job read a
-- program's learners whole (through ProgramLearner(programId, email) and LearnerMetric's primary
-- key), so the indexes on first and last activity and on metric values only slowed each batch.

-- DropIndex
DROP INDEX "LearnerMetric_programId_metric_value_idx";

-- DropIndex
DROP INDEX "ProgramLearner_programId_firstActivityAt_idx";

-- DropIndex
DROP INDEX "ProgramLearner_programId_lastActivityAt_idx";

-- Every event batch updates its learners' rows. With no index on a column it changes, and room
-- left on each page, those updates are HOT: the row is rewritten in place, no index touched.
-- The pages already written keep their packing; new and rewritten pages leave a fifth free.
ALTER TABLE "ProgramLearner" SET (fillfactor = 80);
ALTER TABLE "LearnerMetric" SET (fillfactor = 80);
