"""What this counter took offline per method and day, for the offline limits."""

from __future__ import annotations

from counter_app.store.repositories import Repository


class OfflineTakingsRepository(Repository):
    def offline_taken(self, method: str, business_date: str) -> int:
        """Fen taken by ``method`` in operations journaled as offline on ``business_date``, refunds not deducted."""
        row = self.conn.execute(
            "SELECT COALESCE(SUM(p.amount_fen), 0) FROM payments p JOIN journal j ON j.op_id = p.op_id "
            "WHERE p.method = ? AND p.direction = 'in' AND j.business_date = ? "
            "AND json_extract(j.payload, '$.offline') = 1", (method, business_date)).fetchone()
        return int(row[0])
