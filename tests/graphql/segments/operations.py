SEGMENT_SET = """
mutation SegmentSet($group: ID!, $rules: CustomerGroupSegmentRuleInput!) {
  customerGroupSegmentSet(group: $group, rules: $rules) {
    segment { rules lastComputedAt }
    errors { field message code }
  }
}
"""

SEGMENT_DELETE = """
mutation SegmentDelete($group: ID!) {
  customerGroupSegmentDelete(group: $group) {
    removedCount
    errors { field message code }
  }
}
"""

SEGMENT_RECOMPUTE = """
mutation SegmentRecompute($group: ID!) {
  customerGroupSegmentRecompute(group: $group) {
    matchedCount addedCount removedCount
    segment { lastComputedAt lastDurationMs lastMatchedCount }
    errors { field message code }
  }
}
"""

SEGMENT_PREVIEW = """
query SegmentPreview(
  $group: ID, $rules: CustomerGroupSegmentRuleInput, $sampleSize: Int
) {
  customerGroupSegmentPreview(group: $group, rules: $rules, sampleSize: $sampleSize) {
    matchedCount joiningCount leavingCount
    matched { email } joining { email } leaving { email }
    errors { field message code }
  }
}
"""

GROUP_SEGMENT = """
query Group($id: ID!) {
  customerGroup(id: $id) {
    segment { rules lastComputedAt lastMatchedCount }
    members(first: 50) { edges { node { user { email } role source } } }
  }
}
"""
