package dev.lectern.platform.messaging;

import java.sql.SQLException;

/**
 * What a consumer's failure means: whether it will pass (wait and apply again; each message id applies once)
 * or is the message's own fault (dead-letter it), and how to say why without quoting the database. Pure logic.
 */
public final class Failures {

    private Failures() {
    }

    /**
     * The database is away (connection refused or lost, shutting down, out of connections): the only failures
     * for which a whole batch is retried as it is.
     */
    public static boolean databaseAway(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.equals("53300")) {
                    return true;
                }
            }
            if (cause instanceof java.net.ConnectException || cause instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
            String name = cause.getClass().getName();
            if (name.contains("AcquisitionTimeout") || name.contains("ConnectionException")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The database away (see {@link #databaseAway}), or a conflict: a serialization failure, a deadlock, a lock or
     * version conflict, another instance inserting the same row first (23505: the retry sees its row), a commit the
     * database could not finish (it went away mid-commit). Worth waiting for: applying again is safe.
     */
    public static boolean transientFailure(Throwable e) {
        if (databaseAway(e)) {
            return true;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().equals("40001") || sql.getSQLState().equals("40P01") || sql.getSQLState().equals("23505"))) {
                return true;
            }
            if (cause instanceof jakarta.transaction.RollbackException || cause instanceof java.sql.SQLTransientException
                    || cause instanceof jakarta.persistence.OptimisticLockException
                    || cause instanceof jakarta.persistence.PessimisticLockException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why a message could not be applied, for its dead-letter reason and the log: what kind of value the
     * database refused, never the database's own words (they quote the statement and its values).
     */
    public static String describe(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.equals("22001")) {
                    return "a value is longer than the field allows";
                }
                if (state.startsWith("22")) {
                    return "a value is not valid for its field (SQLSTATE " + state + ")";
                }
                if (state.startsWith("23")) {
                    return "it conflicts with what is stored (SQLSTATE " + state + ")";
                }
                return "the database refused it (SQLSTATE " + state + ")";
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof IllegalArgumentException || root instanceof IllegalStateException) {
            // Our own checks: their messages say what is wrong with the message and nothing about the database.
            return root.getMessage();
        }
        return "it could not be applied (" + root.getClass().getSimpleName() + ")";
    }
}
