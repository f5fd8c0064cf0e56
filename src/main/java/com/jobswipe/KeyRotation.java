package com.jobswipe;

import com.jobswipe.crypto.DataKeyRing;
import com.jobswipe.crypto.EncryptedColumn;
import com.jobswipe.db.ConnectionSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code rotate-keys}: re-encrypts every sealed value that is not under the current data key. Safe while
 * servers run: each row is rewritten with a compare-and-set on its old ciphertext, so a value the server
 * changed meanwhile (already under the current key, since servers encrypt with it) is left alone.
 */
final class KeyRotation {

  private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);
  private static final int BATCH = 200;

  /** Columns sharing one key-id column are rotated together, so the key id never lies about a value. */
  private record Group(String table, String idColumn, String keyIdColumn, List<EncryptedColumn> columns) {
  }

  private KeyRotation() {
  }

  /** Rotates everything; answers how many rows were rewritten per table. */
  static Map<String, Integer> run(ConnectionSettings db, DataKeyRing keys) throws SQLException {
    Map<String, Integer> rotated = new LinkedHashMap<>();
    try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      for (Group group : groups()) {
        int rows = rotate(connection, group, keys);
        rotated.merge(group.table() + "." + group.keyIdColumn(), rows, Integer::sum);
        log.info("{}: {} row(s) re-encrypted under key {}", group.table(), rows, keys.currentKeyId());
      }
    }
    return rotated;
  }

  private static List<Group> groups() {
    Map<String, List<EncryptedColumn>> byKey = EncryptedColumn.ALL.stream().collect(Collectors.groupingBy(
        c -> c.table() + "|" + c.idColumn() + "|" + c.keyIdColumn(), LinkedHashMap::new, Collectors.toList()));
    List<Group> groups = new ArrayList<>();
    byKey.values().forEach(columns -> {
      EncryptedColumn first = columns.get(0);
      groups.add(new Group(first.table(), first.idColumn(), first.keyIdColumn(), columns));
    });
    return groups;
  }

  private static int rotate(Connection connection, Group group, DataKeyRing keys) throws SQLException {
    String columns = group.columns().stream().map(EncryptedColumn::column).collect(Collectors.joining(", "));
    String select = "SELECT " + group.idColumn() + ", " + columns + " FROM " + group.table()
        + " WHERE " + group.keyIdColumn() + " IS NOT NULL AND " + group.keyIdColumn() + " <> ? AND "
        + group.idColumn() + " > ?::uuid ORDER BY " + group.idColumn() + " LIMIT " + BATCH;
    String update = "UPDATE " + group.table() + " SET "
        + group.columns().stream().map(c -> c.column() + " = ?").collect(Collectors.joining(", "))
        + ", " + group.keyIdColumn() + " = ? WHERE " + group.idColumn() + " = ?::uuid AND "
        + group.columns().stream().map(c -> c.column() + " IS NOT DISTINCT FROM ?").collect(Collectors.joining(" AND "));
    int rotated = 0;
    String after = "00000000-0000-0000-0000-000000000000";
    while (true) {
      List<Object[]> batch = new ArrayList<>();
      try (PreparedStatement s = connection.prepareStatement(select)) {
        s.setString(1, keys.currentKeyId());
        s.setString(2, after);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            Object[] row = new Object[group.columns().size() + 1];
            row[0] = rs.getString(1);
            for (int i = 0; i < group.columns().size(); i++) {
              row[i + 1] = rs.getBytes(i + 2);
            }
            batch.add(row);
          }
        }
      }
      if (batch.isEmpty()) {
        return rotated;
      }
      try (PreparedStatement s = connection.prepareStatement(update)) {
        for (Object[] row : batch) {
          int n = group.columns().size();
          for (int i = 0; i < n; i++) {
            byte[] old = (byte[]) row[i + 1];
            s.setBytes(i + 1, old == null ? null : keys.reencrypt(old, group.columns().get(i).context(row[0])));
            s.setBytes(n + 3 + i, old);
          }
          s.setString(n + 1, keys.currentKeyId());
          s.setString(n + 2, (String) row[0]);
          s.addBatch();
        }
        for (int count : s.executeBatch()) {
          rotated += Math.max(count, 0);
        }
      }
      after = (String) batch.get(batch.size() - 1)[0];
    }
  }
}
