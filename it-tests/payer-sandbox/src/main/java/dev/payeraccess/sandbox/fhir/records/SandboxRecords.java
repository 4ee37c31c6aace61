package dev.payeraccess.sandbox.fhir.records;

import dev.payeraccess.sandbox.TestMember;
import dev.payeraccess.sandbox.TestMembers;
import dev.payeraccess.sandbox.oauth.AccessGrant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * All FHIR data of the sandbox: the plan's public directory and the records of the five test members.
 * Generated deterministically, never changed afterwards; callers must treat the resources as read-only.
 */
public final class SandboxRecords {

    private final PlanDirectory directory;
    private final Map<String, MemberRecord> members;

    private SandboxRecords(PlanDirectory directory, Map<String, MemberRecord> members) {
        this.directory = directory;
        this.members = members;
    }

    /** Builds the same records on every call, down to ids, amounts and timestamps. */
    public static SandboxRecords generate() {
        PlanDirectory directory = PlanDirectory.create();
        SyntheticMembership membership = new SyntheticMembership(directory);
        SyntheticClaims claims = new SyntheticClaims(directory);
        SyntheticClinicalRecords clinical = new SyntheticClinicalRecords(directory);
        SyntheticHousehold household = new SyntheticHousehold(directory);
        SyntheticPriorAuthorizations authorizations = new SyntheticPriorAuthorizations(directory);
        Map<String, MemberRecord> members = new LinkedHashMap<>();
        for (TestMember member : TestMembers.all()) {
            MemberSeed seed = new MemberSeed(member, "benefits");
            List<Coverage> coverages = membership.coverages(member, seed);
            List<Resource> benefits = new ArrayList<>();
            benefits.add(membership.patient(member, seed));
            benefits.addAll(coverages);
            List<ExplanationOfBenefit> claimed = claims.forMember(member, seed, coverages.get(0));
            benefits.addAll(claimed);
            benefits.addAll(authorizations.forMember(claimed.get(0).getPatient(),
                new MemberSeed(member, "prior-authorizations"), coverages.get(0)));
            List<Resource> clinicalRecords = clinical.forMember(member, new MemberSeed(member, "clinical"));
            List<Patient> dependents = household.dependentsOf(member);
            members.put(member.patientId(), new MemberRecord(member, benefits, clinicalRecords,
                List.copyOf(dependents), household.recordsOf(member, dependents.get(0), coverages.get(0),
                    claimed.get(0))));
        }
        return new SandboxRecords(directory, members);
    }

    /**
     * What {@code grant} lets its holder see: own records, the public directory, within the granted scopes;
     * at plans where one login sees the household, the dependents' Patient records too, and their coverage and
     * claims where the grant says so. Those come before the member's own, so a client that takes the first Patient
     * (or Coverage) of a search picks the wrong person.
     */
    public VisibleRecords visibleTo(AccessGrant grant) {
        MemberRecord own = members.get(grant.member().patientId());
        List<Resource> visible = new ArrayList<>(directory.resources());
        if (own != null) {
            if (grant.household() != AccessGrant.Household.MEMBER) {
                visible.addAll(own.dependents());
            }
            if (grant.household() == AccessGrant.Household.RECORDS) {
                visible.addAll(own.dependentsRecords());
            }
            visible.addAll(own.benefits());
            if (grant.track().servesClinicalData()) {
                visible.addAll(own.clinical());
            }
        }
        return new VisibleRecords(visible.stream().filter(r -> grant.canSee(r.fhirType())).toList());
    }
}
