package io.modelwatch.alert.repository;

import io.modelwatch.alert.domain.Channel;
import io.modelwatch.alert.domain.OutboxEntry;
import io.modelwatch.support.notification.OutboxRow.Status;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The transactional outbox of notifications. */
@ApplicationScoped
public class OutboxRepository implements PanacheRepository<OutboxEntry> {

    /**
     * The oldest pending notification of a channel, locked until the transaction ends; rows another relay
     * (another replica) holds are skipped, so no two relays send the same row at once.
     */
    public Optional<OutboxEntry> lockNextPending(Channel channel) {
        @SuppressWarnings("unchecked")
        List<OutboxEntry> rows = getEntityManager().createNativeQuery("""
                        select * from {h-schema}notification_outbox where channel = ?1 and status = 'PENDING'
                        order by id limit 1 for update skip locked
                        """, OutboxEntry.class)
                .setParameter(1, channel.name())
                .getResultList();
        return rows.stream().findFirst();
    }

    public List<OutboxEntry> forAlert(long alertId) {
        return list("alertId = ?1 order by id", alertId);
    }

    /** Pending rows per channel (every channel present, zero when none). */
    public Map<Channel, Long> pendingByChannel() {
        Map<Channel, Long> out = new EnumMap<>(Channel.class);
        for (Channel c : Channel.values()) {
            out.put(c, 0L);
        }
        List<Object[]> rows = getEntityManager().createQuery(
                "select o.channel, count(o) from OutboxEntry o where o.status = :s group by o.channel", Object[].class)
                .setParameter("s", Status.PENDING).getResultList();
        for (Object[] r : rows) {
            out.put((Channel) r[0], (Long) r[1]);
        }
        return out;
    }

    /** When the oldest pending row of the channel was written, if any is pending. */
    public Optional<Instant> oldestPending(Channel channel) {
        return find("channel = ?1 and status = ?2 order by id", channel, Status.PENDING).firstResultOptional()
                .map(o -> o.createdAt);
    }
}
