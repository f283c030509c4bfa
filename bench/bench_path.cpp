// Path validation under hostile input (issue 13 item 3), tlslab next to OpenSSL's
// X509_verify_cert on the same DER in the same run:
//
//   BM_Path/valid/<lib>                         root -> intermediate -> leaf, for scale
//   BM_Path/<shape>/<lib>                       Go's TestPathologicalChains shapes: 100 CAs (no
//                                               key identifiers) and a leaf, no anchor among
//                                               them: same_subject_distinct_key (the worst case
//                                               for tlslab: every candidate costs a signature
//                                               check), same_subject_same_key,
//                                               distinct_subject_distinct_key,
//                                               distinct_subject_same_key; with
//                                               _anchor_named, a trust anchor bears the CAs'
//                                               name (names cannot prune: the signature budget
//                                               ends the search)
//   BM_Path/nc_blowup/<lib>                     x509-limbo's nc-dos-2 shape: a CA permitting
//                                               2048 and excluding 2048 dNSName subtrees over a
//                                               leaf with 2048 names (8.4 million comparisons
//                                               unbounded)
//
// Counters: signature_checks, issuer_candidates and name_comparisons (tlslab's PathStats), and
// ok (1 when the chain validated: only "valid" should). The ratio tlslab/openssl per shape is
// the claim; absolute times depend on the machine.
//
// Run: bench/bench-path --benchmark_min_time=0.2 (or `meson test --benchmark`).
#include <benchmark/benchmark.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <memory>
#include <string>
#include <vector>

#include "../tests/pki/path_test_util.hpp"

namespace tlslab::bench {
namespace {

using namespace tlslab::test::path;

struct Case {
  Bytes leaf;
  std::vector<Bytes> intermediates;
  Bytes anchor;
  std::string host;
};

Case valid_case() {
  const Chain c;
  return {c.leaf.der, {c.inter.der}, c.root.der, "localhost"};
}

// `anchor_named`: the anchor bears the CAs' name ("Pathological CA"), the hostile variant where
// names cannot prune and every candidate costs a signature check until the budget ends it.
Case pathological_case(bool same_subject, bool same_key, bool anchor_named = false) {
  const auto p = pathological_chain(100, same_subject, same_key);
  Case out{
      p.leaf.der, {}, root(anchor_named ? "Pathological CA" : "unrelated root").der, "localhost"};
  for (const auto& ca : p.cas)
    out.intermediates.push_back(ca.der);
  return out;
}

Case nc_case() {
  const auto w = wide_constraints(2048);
  return {w.leaf.der, {w.ca.der}, w.root.der, "t0.test"};
}

void run_tlslab(benchmark::State& state, const Case& c) {
  const auto leaf = Certificate::parse(c.leaf);
  std::vector<Certificate> inter;
  for (const auto& d : c.intermediates)
    inter.push_back(Certificate::parse(d));
  const std::vector<Certificate> anchors{Certificate::parse(c.anchor)};
  const ValidationOptions o = server(c.host);
  PathResult r;
  for (auto _ : state) {
    r = check_path(leaf, inter, anchors, *provider(), o);
    benchmark::DoNotOptimize(r.ok);
  }
  state.counters["ok"] = r.ok ? 1 : 0;
  state.counters["signature_checks"] = static_cast<double>(r.stats.signature_checks);
  state.counters["issuer_candidates"] = static_cast<double>(r.stats.issuer_candidates);
  state.counters["name_comparisons"] = static_cast<double>(r.stats.name_comparisons);
}

struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;

X509Ptr to_x509(const Bytes& der) {
  const unsigned char* p = der.data();
  X509Ptr x(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (!x) throw std::runtime_error("OpenSSL cannot parse a benchmark certificate");
  return x;
}

// The same inputs for X509_verify_cert: the anchor in a store, the rest untrusted, the same
// time, purpose and host name.
void run_openssl(benchmark::State& state, const Case& c) {
  const X509Ptr leaf = to_x509(c.leaf);
  const X509Ptr anchor = to_x509(c.anchor);
  std::vector<X509Ptr> inter;
  STACK_OF(X509)* untrusted = sk_X509_new_null();
  for (const auto& d : c.intermediates) {
    inter.push_back(to_x509(d));
    sk_X509_push(untrusted, inter.back().get());
  }
  X509_STORE* store = X509_STORE_new();
  X509_STORE_add_cert(store, anchor.get());
  int ok = 0;
  for (auto _ : state) {
    X509_STORE_CTX* ctx = X509_STORE_CTX_new();
    X509_STORE_CTX_init(ctx, store, leaf.get(), untrusted);
    X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx);
    X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(kNow));
    X509_VERIFY_PARAM_set_purpose(param, X509_PURPOSE_SSL_SERVER);
    X509_VERIFY_PARAM_set1_host(param, c.host.c_str(), c.host.size());
    ok = X509_verify_cert(ctx);
    benchmark::DoNotOptimize(ok);
    X509_STORE_CTX_free(ctx);
  }
  state.counters["ok"] = ok == 1 ? 1 : 0;
  X509_STORE_free(store);
  sk_X509_free(untrusted);
}

void register_case(const std::string& name, Case (*make)()) {
  // Made at registration, shared by both libraries' benchmarks.
  static std::vector<std::unique_ptr<Case>> cases;
  cases.push_back(std::make_unique<Case>(make()));
  const Case* c = cases.back().get();
  benchmark::RegisterBenchmark(("BM_Path/" + name + "/tlslab").c_str(), [c](benchmark::State& s) {
    run_tlslab(s, *c);
  })->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark(("BM_Path/" + name + "/openssl").c_str(), [c](benchmark::State& s) {
    run_openssl(s, *c);
  })->Unit(benchmark::kMicrosecond);
}

}  // namespace
}  // namespace tlslab::bench

int main(int argc, char** argv) {
  using namespace tlslab::bench;
  register_case("valid", valid_case);
  register_case("same_subject_distinct_key", [] { return pathological_case(true, false); });
  register_case("same_subject_same_key", [] { return pathological_case(true, true); });
  register_case("distinct_subject_distinct_key", [] { return pathological_case(false, false); });
  register_case("distinct_subject_same_key", [] { return pathological_case(false, true); });
  register_case("same_subject_distinct_key_anchor_named",
                [] { return pathological_case(true, false, true); });
  register_case("same_subject_same_key_anchor_named",
                [] { return pathological_case(true, true, true); });
  register_case("nc_blowup", nc_case);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
