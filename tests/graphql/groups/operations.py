"""GraphQL documents shared by the customer group tests."""

CUSTOMER_GROUPS = """
query CustomerGroups($filter: CustomerGroupFilterInput, $sortBy: CustomerGroupSortingInput, $first: Int) {
  customerGroups(first: $first, filter: $filter, sortBy: $sortBy) {
    totalCount
    edges { node { id name slug depth externalReference } }
  }
}
"""

CUSTOMER_GROUP = """
query CustomerGroup($id: ID, $slug: String, $externalReference: String) {
  customerGroup(id: $id, slug: $slug, externalReference: $externalReference) {
    id
    name
    slug
    externalReference
    parent { name }
    ancestors { name }
    children { name }
    members(first: 10) { totalCount edges { node { role user { email } } } }
    paymentTermsDays
    effectiveTerms { paymentTermsDays sources { term isInherited group { name } } }
    metadata { key value }
    privateMetadata { key value }
  }
}
"""

CUSTOMER_GROUP_CREATE = """
mutation CustomerGroupCreate($input: CustomerGroupCreateInput!) {
  customerGroupCreate(input: $input) {
    customerGroup { id name slug parent { name } ancestors { name } depth
      externalReference paymentTermsDays isActive
      metadata { key value } privateMetadata { key value } }
    errors { field code message users }
  }
}
"""

CUSTOMER_GROUP_UPDATE = """
mutation CustomerGroupUpdate($id: ID, $externalReference: String, $input: CustomerGroupInput!) {
  customerGroupUpdate(id: $id, externalReference: $externalReference, input: $input) {
    customerGroup { id name slug parent { name } ancestors { name } paymentTermsDays }
    errors { field code message }
  }
}
"""

CUSTOMER_GROUP_DELETE = """
mutation CustomerGroupDelete($id: ID, $externalReference: String) {
  customerGroupDelete(id: $id, externalReference: $externalReference) {
    customerGroup { id name }
    errors { field code message }
  }
}
"""

MEMBERS_ADD = """
mutation MembersAdd($group: ID!, $members: [CustomerGroupMemberInput!]!) {
  customerGroupMembersAdd(group: $group, members: $members) {
    customerGroup { members(first: 20) { edges { node { role user { email } } } } }
    errors { field code message users }
  }
}
"""

MEMBERS_REMOVE = """
mutation MembersRemove($group: ID!, $users: [ID!]!) {
  customerGroupMembersRemove(group: $group, users: $users) {
    customerGroup { members(first: 20) { edges { node { user { email } } } } }
    errors { field code message users }
  }
}
"""

MEMBER_UPDATE = """
mutation MemberUpdate($group: ID!, $user: ID!, $role: CustomerGroupRoleEnum!) {
  customerGroupMemberUpdate(group: $group, user: $user, role: $role) {
    customerGroup { members(first: 20) { edges { node { role user { email } } } } }
    errors { field code message users }
  }
}
"""

ME_CUSTOMER_GROUPS = """
query {
  me {
    email
    customerGroups { role group { name ancestors { name } effectiveTerms { paymentTermsDays } } }
  }
}
"""

USER_CUSTOMER_GROUPS = """
query User($id: ID!) {
  user(id: $id) { email customerGroups { role group { name } } }
}
"""
