package schema

// This file: contrail-control XMPP server pages (xmpp_server.sandesh),
// spec §5.1.5.

// ShowXmppConnectionReq (request): no arguments.
type ShowXmppConnectionReq struct{}

// ShowXmppConnectionResp (response).
type ShowXmppConnectionResp struct {
	Connections []ShowXmppConnection `sandesh:"connections,id=1"`
}

// ShowXmppConnection (struct): one agent connection.
type ShowXmppConnection struct {
	Name           string   `sandesh:"name,id=1"`
	Deleted        bool     `sandesh:"deleted,id=2"`
	RemoteEndpoint string   `sandesh:"remote_endpoint,id=3"`
	LocalEndpoint  string   `sandesh:"local_endpoint,id=4"`
	State          string   `sandesh:"state,id=5"`
	LastEvent      string   `sandesh:"last_event,id=6"`
	LastState      string   `sandesh:"last_state,id=7"`
	LastStateAt    string   `sandesh:"last_state_at,id=8"`
	Receivers      []string `sandesh:"receivers,id=9"`
	ServerAuthType string   `sandesh:"server_auth_type,id=10"`
	DSCPValue      uint16   `sandesh:"dscp_value,id=11"`
}

// ShowXmppServerReq (request): no arguments.
type ShowXmppServerReq struct{}

// ShowXmppServerResp (response).
type ShowXmppServerResp struct {
	CurrentConnections uint32        `sandesh:"current_connections,id=3"`
	MaxConnections     uint32        `sandesh:"max_connections,id=4"`
	RxSocketStats      SocketIOStats `sandesh:"rx_socket_stats,id=1"`
	TxSocketStats      SocketIOStats `sandesh:"tx_socket_stats,id=2"`
}
