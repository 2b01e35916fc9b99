package output

import (
	"strings"
	"testing"
)

// benchPage is shaped like a news page of the theme: a head with the
// reading-mode script, navigation, a table of facts, a long body.
var benchPage = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>关于开展主题党日活动的通知 - 党建</title>
<script>(function(c){c.add("js");try{var f=localStorage.getItem("dj-fs");if(f=="1"||f=="2")c.add("fs"+f);if(localStorage.getItem("dj-hc")=="1")c.add("hc")}catch(e){}})(document.documentElement.classList)</script>
<link rel="stylesheet" href="/css/main.css">
</head>
<body class="kind-single section-news">
` + strings.Repeat(`  <nav class="site-nav">
    <ul class="wrap">
      <li><a href="/news/">工作动态</a></li>
    </ul>
  </nav>
`, 6) + `  <table class="meta-table"><tbody>
      <tr><th scope="row">发布机构</th><td>岳阳市卫生健康委员会</td></tr>
  </tbody></table>
  <p class="article-tools"><button type="button" class="print-link" onclick="window.print()">打印</button></p>
<div class="prose">` + strings.Repeat("<p>坚持党建引领，打造“红色引擎”党建品牌，开展主题党日活动。医院党委把党支部建在科室上。</p>\n", 60) + `</div>
</body>
</html>`

// BenchmarkMinifyPage is the HTML minifier on one page.
func BenchmarkMinifyPage(b *testing.B) {
	mn := NewMinifier()
	for b.Loop() {
		if _, err := mn.Bytes("index.html", []byte(benchPage)); err != nil {
			b.Fatal(err)
		}
	}
}
