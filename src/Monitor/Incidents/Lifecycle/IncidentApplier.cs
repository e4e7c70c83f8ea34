using Monitor.Incidents.Cases;
using Monitor.Incidents.Digest;
using Monitor.Incidents.Messages;
using Monitor.Rules.Incidents;
using Monitor.Storage;

namespace Monitor.Incidents.Lifecycle;

/// <summary>
/// Applies a lifecycle decision inside the caller's transaction: stores the incident, its alerts and its
/// case, then carries out the effects in order (timeline lines, notices, digest entries, case messages).
/// </summary>
internal sealed class IncidentApplier(IncidentNotices notices, CaseMessages caseMessages, DigestService digest, CaseEvidence evidence)
{
    /// <returns>The stored incident.</returns>
    public IncidentRecord Apply(IStoreTransaction tx, IncidentRecord? record, IncidentDecision decision, DateTimeOffset now)
    {
        var state = decision.State;
        record ??= new IncidentRecord();
        IncidentStateMap.Write(state, record);
        if (record.Id == 0)
        {
            tx.Incidents.Insert(record);
        }

        foreach (var alert in state.Alerts)
        {
            tx.Incidents.UpsertMember(IncidentStateMap.ToMember(record.Id, alert));
        }

        var caseRecord = StoreCase(tx, state.Case, record);
        foreach (var effect in decision.Effects)
        {
            switch (effect)
            {
                case Noted n:
                    tx.Incidents.AddEvent(new IncidentEvent(record.Id, now, n.Kind, n.Text));
                    break;
                case NoticeDue n:
                    notices.Send(tx, record, n, now);
                    break;
                case DigestDue d:
                    digest.Add(tx, record, d.Kind, now);
                    break;
                case CaseChanged c when caseRecord is not null:
                    caseMessages.Apply(tx, caseRecord, record, c, now);
                    break;
            }
        }

        tx.Incidents.Update(record);
        return record;
    }

    private CaseRecord? StoreCase(IStoreTransaction tx, CaseState? state, IncidentRecord incident)
    {
        if (state is null)
        {
            return null;
        }

        var record = tx.Cases.ForIncident(incident.Id) ?? new CaseRecord { IncidentId = incident.Id };
        var wasUrgent = record.Kind == CaseKind.Urgent && record.Id != 0;
        IncidentStateMap.Write(state, record);
        record.Category = record.Kind == CaseKind.Urgent ? CaseEvidence.UrgentCategory : CaseEvidence.StandardCategory;
        if (record.Id == 0 || (!wasUrgent && record.Kind == CaseKind.Urgent))
        {
            record.Title = evidence.Title(incident);
        }

        if (record.Id == 0)
        {
            tx.Cases.Insert(record);
        }

        record.BundlePath ??= CaseEvidence.BundleDirectory(record, incident);
        tx.Cases.Update(record);
        return record;
    }
}
