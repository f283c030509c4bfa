// Every (state, input) pair outside the tables is rejected with unexpected_message. The pairs are
// generated from the exported tables, not listed by hand.
#include <algorithm>

#include "../test_util.hpp"
#include "probe.hpp"
#include "tlslab/handshake/state_table.hpp"

using namespace tlslab;
using namespace tlslab::handshake;
using tlslab::test::probe;
using tlslab::test::probe_state;

TEST_CASE("every row of the table is reached, and moves only to the states it names") {
  for (Role role : {Role::client, Role::server}) {
    const auto names = state_names(role);
    for (const auto& row : transition_table(role)) {
      CAPTURE(row.state);
      CAPTURE(row.input);
      REQUIRE_FALSE(row.next.empty());
      for (const auto& n : row.next) {
        CHECK(std::find(names.begin(), names.end(), n) != names.end());
      }
      // The pair passes the table: the answer is the parser's or the handler's (an empty body
      // fails its parse; a forced state lacks the context some messages need), never the
      // table's own refusal.
      const auto r = probe_state(role, row.state, row.input);
      if (r.alert) {
        CHECK_MESSAGE(r.reason.find("is not expected in state") == std::string::npos, r.reason);
      } else {
        const bool stayed = r.state == row.state;
        const bool named = std::find(row.next.begin(), row.next.end(), r.state) != row.next.end();
        CHECK_MESSAGE((stayed || named), "moved to " << r.state);
      }
    }
  }
}

TEST_CASE("every pair outside the table is unexpected_message") {
  for (Role role : {Role::client, Role::server}) {
    const auto table = transition_table(role);
    int rejected = 0;
    for (const auto& state : state_names(role)) {
      for (const auto& input : input_names()) {
        bool allowed = false;
        for (const auto& row : table)
          allowed |= row.state == state && row.input == input;
        if (allowed) continue;
        CAPTURE(state);
        CAPTURE(input);
        const auto alert = probe(role, state, input);
        REQUIRE(alert.has_value());
        CHECK(*alert == AlertDescription::unexpected_message);
        ++rejected;
      }
    }
    CHECK(rejected > 50);
  }
}

TEST_CASE("the classic out-of-order inputs are outside the tables") {
  const auto client = transition_table(Role::client);
  const auto server = transition_table(Role::server);
  auto has = [](const std::vector<TableRow>& t, const char* s, const char* i) {
    for (const auto& r : t) {
      if (r.state == s && r.input == i) return true;
    }
    return false;
  };
  // Early ChangeCipherSpec (CVE-2014-0224).
  CHECK_FALSE(has(client, "ExpectServerHelloDone", "ChangeCipherSpec"));
  CHECK_FALSE(has(server, "ExpectClientKeyExchange", "ChangeCipherSpec"));
  // Application data before Finished.
  CHECK_FALSE(has(client, "ExpectFinished", "ApplicationData"));
  CHECK_FALSE(has(server, "ExpectChangeCipherSpec", "ApplicationData"));
  // A second ServerHello; HelloRequest during a handshake.
  CHECK_FALSE(has(client, "ExpectCertificate", "ServerHello"));
  CHECK_FALSE(has(client, "ExpectServerKeyExchange", "HelloRequest"));
  // CertificateVerify after an empty Certificate goes to ExpectChangeCipherSpec, which does not
  // take CertificateVerify.
  CHECK_FALSE(has(server, "ExpectChangeCipherSpec", "CertificateVerify"));
  // The allowed ones are there.
  CHECK(has(client, "ExpectCertificateRequestOrDone", "ServerHelloDone"));
  CHECK(has(server, "Traffic", "ClientHello"));
  const auto probe_ccs = probe(Role::client, "ExpectServerHelloDone", "ChangeCipherSpec");
  REQUIRE(probe_ccs.has_value());
  CHECK(*probe_ccs == AlertDescription::unexpected_message);
}
