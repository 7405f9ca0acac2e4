package site

// InstanceWithFederationState is Lemmy's InstanceWithFederationState.
// Tidings keeps no per-instance activity counter, so federation_state is
// left out, as Lemmy leaves it out for an instance it never sent to.
type InstanceWithFederationState struct {
	ID        int64   `json:"id"`
	Domain    string  `json:"domain"`
	Published string  `json:"published"`
	Updated   *string `json:"updated,omitempty"`
	Software  *string `json:"software,omitempty"`
	Version   *string `json:"version,omitempty"`
}

// FederatedInstances is Lemmy's FederatedInstances.
type FederatedInstances struct {
	Linked  []InstanceWithFederationState `json:"linked"`
	Allowed []InstanceWithFederationState `json:"allowed"`
	Blocked []InstanceWithFederationState `json:"blocked"`
}

// GetFederatedInstancesResponse is Lemmy's GetFederatedInstancesResponse.
type GetFederatedInstancesResponse struct {
	FederatedInstances *FederatedInstances `json:"federated_instances,omitempty"`
}

// BlockInstance is Lemmy's BlockInstance.
type BlockInstance struct {
	InstanceID int64 `json:"instance_id"`
	Block      bool  `json:"block"`
}

// BlockInstanceResponse is Lemmy's BlockInstanceResponse.
type BlockInstanceResponse struct {
	Blocked bool `json:"blocked"`
}
