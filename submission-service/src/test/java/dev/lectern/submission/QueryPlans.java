package dev.lectern.submission;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Query plans for the plan tests: the plan for bound values, and the generic plan a prepared statement may switch to. */
public final class QueryPlans {

    private QueryPlans() {
    }

    /** The plan of an EXPLAIN already bound to its values, one line per plan node. */
    public static String explained(PreparedStatement explain) throws SQLException {
        try (ResultSet rs = explain.executeQuery()) {
            return lines(rs);
        }
    }

    /**
     * The generic plan of {@code sql} (JDBC {@code ?} placeholders), the one a prepared statement may switch to
     * after five executions: made for any values. An EXPLAIN that binds values plans for those values, whatever
     * plan_cache_mode says, so the statement is prepared on the server and explained under force_generic_plan.
     * {@code arguments} are SQL literals, one per placeholder; within the caller's transaction.
     */
    public static String generic(Statement statement, String sql, String arguments) throws SQLException {
        int n = 0;
        StringBuilder numbered = new StringBuilder();
        for (char c : sql.toCharArray()) {
            numbered.append(c == '?' ? "$" + ++n : String.valueOf(c));
        }
        statement.execute("PREPARE plan_under_test AS " + numbered);
        statement.execute("SET LOCAL plan_cache_mode = force_generic_plan");
        String plan;
        try (ResultSet rs = statement.executeQuery("EXPLAIN EXECUTE plan_under_test(" + arguments + ")")) {
            plan = lines(rs);
        }
        statement.execute("DEALLOCATE plan_under_test");
        return plan;
    }

    private static String lines(ResultSet rs) throws SQLException {
        StringBuilder plan = new StringBuilder();
        while (rs.next()) {
            plan.append(rs.getString(1)).append('\n');
        }
        return plan.toString();
    }
}
