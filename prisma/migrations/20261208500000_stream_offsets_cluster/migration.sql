-- The Kafka cluster (describeCluster's cluster id) whose view topics these
-- offsets count. A second clone, or a deleted .data/, starts a new cluster
-- whose offsets restart at 0: without the id a view sink took the old
-- cluster's offsets for its own and skipped the new records as "already
-- applied". NULL marks rows written before this column existed; the first
-- processor that starts adopts them for its cluster.
ALTER TABLE "stream_offsets" ADD COLUMN "cluster_id" VARCHAR(64);
