package billstream.bench;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Sum per key with exactly_once_v2: the Kafka Streams peer of
 * streams/src/apps/sums/sumsApp.ts. Reads AmountPosted JSON from INPUT_TOPIC,
 * keeps an AmountTotal per key in the store "totals" (changelogged), writes
 * every total to OUTPUT_TOPIC and, when VIEW_TOPIC is set, a view envelope to
 * it (what our engine writes to its view topic inside the same transaction).
 * Prints "STATE <state>" lines on stdout for the benchmark driver.
 */
public final class SumsStreams {
  public static final class AmountPosted {
    public int version;
    public String id;
    public String key;
    public BigDecimal amount;
    public long sentAtMs;
    public String note;
  }

  @JsonPropertyOrder({"key", "total", "count", "lastSentAtMs"})
  public static final class AmountTotal {
    public String key = "";
    public String total = "0";
    public long count;
    public long lastSentAtMs;
  }

  static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  static <T> Serde<T> jsonSerde(Class<T> type) {
    Serializer<T> serializer =
        (topic, value) -> {
          try {
            return value == null ? null : JSON.writeValueAsBytes(value);
          } catch (Exception e) {
            throw new RuntimeException(e);
          }
        };
    Deserializer<T> deserializer =
        (topic, bytes) -> {
          try {
            return bytes == null ? null : JSON.readValue(bytes, type);
          } catch (Exception e) {
            throw new RuntimeException(e);
          }
        };
    return Serdes.serdeFrom(serializer, deserializer);
  }

  static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isEmpty() ? fallback : value;
  }

  public static void main(String[] args) throws Exception {
    String input = env("INPUT_TOPIC", null);
    String output = env("OUTPUT_TOPIC", null);
    String view = env("VIEW_TOPIC", "");
    if (input == null || output == null) throw new IllegalArgumentException("INPUT_TOPIC and OUTPUT_TOPIC are required");

    Serde<AmountPosted> postedSerde = jsonSerde(AmountPosted.class);
    Serde<AmountTotal> totalSerde = jsonSerde(AmountTotal.class);
    StreamsBuilder builder = new StreamsBuilder();
    Materialized<String, AmountTotal, KeyValueStore<Bytes, byte[]>> materialized =
        "memory".equals(env("STORE", "rocksdb"))
            ? Materialized.<String, AmountTotal>as(Stores.inMemoryKeyValueStore("totals"))
            : Materialized.<String, AmountTotal, KeyValueStore<Bytes, byte[]>>as("totals");
    KTable<String, AmountTotal> totals =
        builder.stream(input, Consumed.with(Serdes.String(), postedSerde))
            .groupByKey(Grouped.with(Serdes.String(), postedSerde))
            .aggregate(
                AmountTotal::new,
                (key, posted, total) -> {
                  if (posted.version != 1) throw new IllegalArgumentException("unknown AmountPosted version " + posted.version);
                  AmountTotal next = new AmountTotal();
                  next.key = key;
                  next.total = new BigDecimal(total.total).add(posted.amount).stripTrailingZeros().toPlainString();
                  next.count = total.count + 1;
                  next.lastSentAtMs = Math.max(total.lastSentAtMs, posted.sentAtMs);
                  return next;
                },
                materialized.withKeySerde(Serdes.String()).withValueSerde(totalSerde));
    KStream<String, AmountTotal> changes = totals.toStream();
    changes.to(output, Produced.with(Serdes.String(), totalSerde));
    if (!view.isEmpty()) {
      changes
          .map(
              (key, total) -> {
                Map<String, Object> envelope = new LinkedHashMap<>();
                envelope.put("key", key);
                envelope.put("value", total);
                envelope.put("timestampMs", System.currentTimeMillis());
                envelope.put("source", null);
                try {
                  return KeyValue.pair(JSON.writeValueAsString(key), JSON.writeValueAsString(envelope));
                } catch (Exception e) {
                  throw new RuntimeException(e);
                }
              })
          .to(view, Produced.with(Serdes.String(), Serdes.String()));
    }

    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, env("APPLICATION_ID", "sums-kstreams"));
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, env("KAFKA_BROKERS", "127.0.0.1:9092"));
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, env("COMMIT_INTERVAL_MS", "100"));
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, env("NUM_STREAM_THREADS", "1"));
    props.put(StreamsConfig.STATE_DIR_CONFIG, env("STATE_DIR", System.getProperty("java.io.tmpdir") + "/kafka-streams"));
    props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");

    KafkaStreams streams = new KafkaStreams(builder.build(), props);
    CountDownLatch done = new CountDownLatch(1);
    streams.setStateListener(
        (next, previous) -> {
          System.out.println("STATE " + next);
          System.out.flush();
          if (next == KafkaStreams.State.ERROR || next == KafkaStreams.State.NOT_RUNNING) done.countDown();
        });
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  streams.close(java.time.Duration.ofSeconds(20));
                  done.countDown();
                }));
    streams.start();
    done.await(24, TimeUnit.HOURS);
    streams.close(java.time.Duration.ofSeconds(20));
  }
}
