package io.modelwatch.report.repository;

import io.modelwatch.report.domain.DailyEmail;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/** The daily email's outbox. */
@ApplicationScoped
public class DailyEmailRepository implements PanacheRepository<DailyEmail> {

    /** The oldest pending email, locked until the transaction ends; rows another relay holds are skipped. */
    public Optional<DailyEmail> lockNextPending() {
        @SuppressWarnings("unchecked")
        List<DailyEmail> rows = getEntityManager().createNativeQuery("""
                        select * from {h-schema}daily_email where status = 'PENDING'
                        order by id limit 1 for update skip locked
                        """, DailyEmail.class)
                .getResultList();
        return rows.stream().findFirst();
    }

    public Optional<DailyEmail> byKey(String idempotencyKey) {
        return find("idempotencyKey", idempotencyKey).firstResultOptional();
    }

    /**
     * Inserts the row unless one with its key exists (a concurrent replica, or an earlier pass the same day);
     * true if this call inserted it.
     */
    public boolean insertIfAbsent(DailyEmail e) {
        int n = getEntityManager().createNativeQuery("""
                        insert into {h-schema}daily_email (idempotency_key, model_id, send_day, reported_date,
                            worst_severity, recipients, subject, html, text, status, attempts, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'PENDING', 0, ?10)
                        on conflict (idempotency_key) do nothing
                        """)
                .setParameter(1, e.idempotencyKey).setParameter(2, e.modelId).setParameter(3, e.sendDay)
                .setParameter(4, e.reportedDate).setParameter(5, e.worstSeverity).setParameter(6, e.recipients)
                .setParameter(7, e.subject).setParameter(8, e.html).setParameter(9, e.text)
                .setParameter(10, e.createdAt)
                .executeUpdate();
        return n == 1;
    }
}
