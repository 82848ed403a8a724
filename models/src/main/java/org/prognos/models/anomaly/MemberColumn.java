package org.prognos.models.anomaly;

import java.util.List;
import org.prognos.PrognosException;

/** The one lookup of a member's or check's column among an anomaly model's columns ({@code columnIn} of each). */
final class MemberColumn {
    private MemberColumn() {
    }

    /**
     * The index of {@code column} among {@code columns}; fails naming the columns when it is not one of them, the
     * message opening with {@code role} and the column (e.g. "the forecast member predicts column 'x'").
     */
    static int indexIn(List<String> columns, String column, String role) {
        int at = columns.indexOf(column);
        if (at < 0) {
            throw new PrognosException(role + " column '" + column + "', which the anomaly model does not have; its columns are "
                    + columns);
        }
        return at;
    }
}
