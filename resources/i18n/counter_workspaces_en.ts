<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>BillWorkspace</name>
    <message>
        <location filename="../../counter_app/ui/workspaces/bill.py" line="99" />
        <source>账单</source>
        <translation>Bill</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/bill.py" line="58" />
        <source>户号 / 缴费号，回车查询</source>
        <translation>Account number, Enter to look up</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/bill.py" line="69" />
        <source>离线待确认缴费</source>
        <translation>Offline pending payment</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/bill.py" line="73" />
        <source>网络不通无法查询账单。本网点允许按客户出示的金额收款，记为“待确认”，联网后由平台核实。</source>
        <translation>The platform cannot be reached to look up the bill. This branch may take the amount the customer shows as "pending"; the platform checks it once online.</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/bill.py" line="74" />
        <source>缴费金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/bill.py" line="75" />
        <source>按待确认收款</source>
        <translation>Take as pending</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/bill.py" line="83" />
        <source>银行卡终端参考号（勿输卡号）</source>
        <translation>Card terminal reference (not the card number)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/bill.py" line="90" />
        <source>收款缴费</source>
        <translation>Take payment</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/bill.py" line="91" />
        <source>新缴费</source>
        <translation>New bill</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/bill.py" line="94" />
        <source>缴费项目</source>
        <translation>Biller</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/bill.py" line="97" />
        <source>户号</source>
        <translation>Account no.</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/bill.py" line="97" />
        <source>回车查询</source>
        <translation>Enter to look up</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/bill.py" line="99" />
        <source>户名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/bill.py" line="101" />
        <source>账期</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/bill.py" line="103" />
        <source>应缴金额</source>
        <translation>Amount due</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/bill.py" line="107" />
        <source>付款</source>
        <translation>Payment</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/bill.py" line="109" />
        <source>现金实收</source>
        <translation>Cash received</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/bill.py" line="110" />
        <source>银行卡</source>
        <translation>Bank card</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/bill.py" line="111" />
        <source>只填参考号：刷卡支付剩余金额</source>
        <translation>Reference only: the card pays the rest</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/bill.py" line="114" />
        <source>找零</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/bill.py" line="125" />
        <source>Alt+1…5：选择缴费项目；回车：查询账单；Alt+C：现金实收（回车即收款）；F12 / Ctrl+Enter：收款缴费；Ctrl+T：离线待确认收款；Ctrl+N：新缴费；Ctrl+P：重打小票</source>
        <translation>Alt+1…5: biller; Enter: look up the bill; Alt+C: cash received (Enter takes the payment); F12 / Ctrl+Enter: take payment; Ctrl+T: take as pending (offline); Ctrl+N: new bill; Ctrl+P: reprint receipt</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/bill.py" line="183" />
        <source>该账单状态为 %1，无需缴费</source>
        <translation>This bill is %1; nothing to pay</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/bill.py" line="220" />
        <source>还差 %1</source>
        <translation>Still due %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/bill.py" line="227" />
        <source>请先输入户号并回车查询账单</source>
        <translation>Type the account number and press Enter to look the bill up first</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/bill.py" line="234" />
        <source>只有离线无法查询账单时才能按待确认收款</source>
        <translation>Pending payment is only for when the bill cannot be looked up offline</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/bill.py" line="258" />
        <source>缴费成功：%1 %2，金额 %3，找零 %4</source>
        <translation>Bill paid: %1 %2, amount %3, change %4</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/bill.py" line="262" />
        <source>（待确认：联网后由平台核实）</source>
        <translation> (pending: the platform confirms it once online)</translation>
    </message>
    <message>
        <source>Alt+C，回车收款</source>
        <translation>Alt+C; Enter pays</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/bill.py" line="133" />
        <source>上笔找零</source>
        <translation>Last payment's change</translation>
    </message>
</context>
<context>
    <name>CounterWorkspace</name>
    <message>
        <location filename="../../counter_app/ui/workspaces/base.py" />
        <source>正在办理上一笔业务，请稍候</source>
        <translation>The previous operation is still being done; please wait</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/widgets.py" line="238" />
        <source>重打小票 (Ctrl+P)</source>
        <translation>Reprint receipt (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/widgets.py" line="332" />
        <source>请先登录</source>
        <translation>Log in first</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/widgets.py" line="359" />
        <source>本机未配置主管授权</source>
        <translation>Supervisor approval is not set up on this counter</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/widgets.py" line="363" />
        <source>主管未授权，操作已取消</source>
        <translation>No supervisor approval: cancelled</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/widgets.py" line="375" />
        <location filename="../../counter_app/ui/widgets.py" line="416" />
        <source>正在打印小票…</source>
        <translation>Printing the receipt…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/widgets.py" line="382" />
        <source>小票已打印</source>
        <translation>Receipt printed</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/base.py" line="250" />
        <source>小票已发送，该打印机无法确认，请查看是否出纸</source>
        <translation>Receipt sent; this printer cannot confirm it, check that it came out</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/widgets.py" line="390" />
        <source>小票打印失败：%1（业务已办理，可重打小票）</source>
        <translation>Receipt not printed: %1 (the operation is done; reprint the receipt)</translation>
    </message>
</context>
<context>
    <name>MemberWorkspace</name>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="87" />
        <source>积分记录</source>
        <translation>Points history</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="31" />
        <source>手机号 / 会员卡号，回车</source>
        <translation>Phone or member card, Enter</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="42" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="42" />
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="42" />
        <location filename="../../counter_app/ui/workspaces/member.py" line="68" />
        <source>积分</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="42" />
        <location filename="../../counter_app/ui/workspaces/member.py" line="69" />
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="42" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="48" />
        <source>积分数</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="52" />
        <source>积分兑换</source>
        <translation>Redeem points</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="56" />
        <location filename="../../counter_app/ui/workspaces/member.py" line="58" />
        <source>会员</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="56" />
        <source>回车查询</source>
        <translation>Enter to look up</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="60" />
        <source>积分余额</source>
        <translation>Balance</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="62" />
        <source>未确认</source>
        <translation>Unconfirmed</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="64" />
        <source>可用积分</source>
        <translation>Redeemable</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="84" />
        <source>%1 分</source>
        <translation>%1 pts</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="102" />
        <source>未识别会员</source>
        <translation>No member</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="113" />
        <source>待同步：+%1 / -%2</source>
        <translation>Unsent: +%1 / -%2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="148" />
        <source>积分必须是正整数</source>
        <translation>Points are a whole number above zero</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="159" />
        <source>请先查询会员</source>
        <translation>Look the member up first</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="185" />
        <source>已累计 %1 积分</source>
        <translation>%1 points accrued</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="187" />
        <source>已兑换 %1 积分</source>
        <translation>%1 points redeemed</translation>
    </message>
    <message>
        <source>已取消兑换</source>
        <translation>Redemption cancelled</translation>
    </message>
    <message>
        <source>确认兑换</source>
        <translation>Confirm redemption</translation>
    </message>
    <message>
        <source>为会员 %1 兑换 %2 积分？</source>
        <translation>Redeem %2 points for member %1?</translation>
    </message>
    <message>
        <source>兑换 (Enter)</source>
        <translation>Redeem (Enter)</translation>
    </message>
    <message>
        <source>取消 (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="67" />
        <source>说明（人工调整必填）</source>
        <translation>Note (required for a manual adjustment)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="69" />
        <source>订单号或末几位</source>
        <translation>Order no. or its last digits</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="71" />
        <source>补录</source>
        <translation>Past sale</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="67" />
        <source>人工调整</source>
        <translation>Manual adjustment</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="92" />
        <source>补录消费积分 / 人工调整 / 积分兑换</source>
        <translation>Points for a past sale / manual adjustment / redeem</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="69" />
        <source>补录订单</source>
        <translation>Past sale</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="67" />
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="116" />
        <source>回车：查询会员；Alt+O：按订单补录消费积分；Alt+A：人工调整积分（主管授权，每人每天有上限）；Alt+R：积分兑换；Ctrl+P：重打小票。离线时只能按本地缓存余额和每日离线上限兑换</source>
        <translation>Enter: find the member; Alt+O: points for a past sale by its order number; Alt+A: manual points adjustment (a supervisor approves; capped per member and day); Alt+R: redeem points; Ctrl+P: reprint the receipt. Offline, redemptions stay within the cached balance and the daily offline cap</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="234" />
        <source>请输入小票上的订单号（或末几位），回车补录</source>
        <translation>Type the order number on the receipt (or its last digits), then Enter</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="242" />
        <source>已补录 %1 积分（订单 %2）</source>
        <translation>%1 points added for order %2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="256" />
        <source>请填写人工调整积分的说明</source>
        <translation>Say why the points are adjusted</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/member.py" line="259" />
        <source>人工调整积分：%1 积分</source>
        <translation>Manual points adjustment: %1 points</translation>
    </message>
</context>
<context>
    <name>PickupWorkspace</name>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup_codepay.py" />
        <source>其他付款已足额，无需付款码支付</source>
        <translation>The other tenders already pay it all; no payment code needed</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup_cod.py" />
        <source>代收金额</source>
        <translation>Amount to collect</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup_cod.py" />
        <source>找零</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup_cod.py" />
        <source>现金实收</source>
        <translation>Cash received</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup_cod.py" />
        <source>离线状态下代收货款只能收现金或预付卡，请去掉银行卡</source>
        <translation>Offline, cash on delivery takes only cash or a prepaid card: remove the bank card</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup_cod.py" />
        <source>离线：代收货款只收现金或预付卡</source>
        <translation>Offline: cash on delivery takes only cash or a prepaid card</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup_cod.py" />
        <source>终端参考号（勿输卡号）</source>
        <translation>Terminal reference (not the card number)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup_cod.py" />
        <source>货到付款（可组合）</source>
        <translation>Cash on delivery (may be split)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup_cod.py" />
        <source>货到付款：代收金额 %1，还差 %2，收齐后才能交付</source>
        <translation>Cash on delivery: %1 to collect, %2 still due; hand over once it is paid</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup_cod.py" />
        <source>货到付款：请收取代收金额 %1（现金 / 银行卡 / 预付卡，或 Alt+M 付款码），再交付</source>
        <translation>Cash on delivery: collect %1 (cash / bank card / prepaid card, or Alt+M payment code), then hand over</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup_cod.py" />
        <source>货到付款：请收取代收金额 %1；离线时只能收现金或预付卡</source>
        <translation>Cash on delivery: collect %1; offline only cash or a prepaid card</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup_cod.py" />
        <source>还差 %1</source>
        <translation>Still due %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup_cod.py" />
        <source>银行卡</source>
        <translation>Bank card</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup_cod.py" />
        <source>现金实收框中回车：交付。银行卡/预付卡只填参考号时按剩余代收金额支付；只有现金可以找零</source>
        <translation>Enter in Cash received: hand over. A bank or prepaid card with only a reference pays what is left to collect; only cash gives change</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup_cod.py" />
        <source>预付卡</source>
        <translation>Prepaid card</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup_cod.py" />
        <source>预付卡参考号</source>
        <translation>Prepaid card reference</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup_cod.py" />
        <source>；代收 %1，找零 %2</source>
        <translation>; collected %1, change %2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup_codepay.py" />
        <source>付款码收代收款</source>
        <translation>Collect by payment code</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup_codepay.py" />
        <source>货到付款，代收金额 %1</source>
        <translation>Cash on delivery: %1 to collect</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup_codepay.py" />
        <source>付款码未收款成功%1，订单未交付，请换一种方式收款</source>
        <translation>The payment code was not paid%1; the order was not handed over, take another method</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup_codepay.py" />
        <source>付款码支付结果未明，系统将撤销这笔扣款（见同步页），请勿让顾客重复付款；订单未交付</source>
        <translation>The code payment has no result yet; it will be cancelled (see the sync screen), do not let the customer pay again; the order was not handed over</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup_codepay.py" />
        <source>已取消付款码收款，订单未交付</source>
        <translation>Payment code cancelled; the order was not handed over</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup.py" line="49" />
        <source>订单</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup.py" line="26" />
        <source>提货码或订单号</source>
        <translation>Pickup code or order no.</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup.py" line="28" />
        <source>提货码</source>
        <translation>Pickup code</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup.py" line="28" />
        <source>回车查询</source>
        <translation>Enter to look up</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup.py" line="34" />
        <source>商品</source>
        <translation>Product</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup.py" line="34" />
        <source>数量</source>
        <translation>Qty</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup.py" line="34" />
        <source>单价</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup.py" line="34" />
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup.py" line="39" />
        <source>确认交付</source>
        <translation>Hand over</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup.py" line="44" />
        <source>订单号</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup.py" line="46" />
        <source>收货人</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup.py" line="48" />
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup.py" line="59" />
        <source>回车：查询；查到后再按回车或 Ctrl+Enter：确认交付。仅凭订单号交付需要主管授权。Ctrl+P：重打小票</source>
        <translation>Enter: look up; then Enter or Ctrl+Enter: hand over. Handing over on the order number alone needs a supervisor. Ctrl+P: reprint receipt</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup.py" line="41" />
        <source>手机后4位</source>
        <translation>Phone, last 4 digits</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup.py" line="41" />
        <source>离线提货需核对收件人手机号后4位</source>
        <translation>Offline, check the last 4 digits of the recipient's phone</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup.py" line="88" />
        <source>凭订单号查到订单；交付需要主管授权（Ctrl+Enter）</source>
        <translation>Found by order number; handing over needs a supervisor (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup.py" line="90" />
        <source>提货码正确，请核对商品后确认交付（回车 / Ctrl+Enter）</source>
        <translation>Pickup code correct: check the goods, then hand over (Enter / Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup.py" line="113" />
        <source>请先扫描或输入提货码并回车查询</source>
        <translation>Scan or type the pickup code and press Enter first</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup.py" line="120" />
        <source>凭订单号提货（无提货码）</source>
        <translation>Pickup on the order number (no pickup code)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/pickup.py" line="133" />
        <source>提货完成：订单 %1 已交付</source>
        <translation>Pickup done: order %1 handed over</translation>
    </message>
</context>
<context>
    <name>ReportWorkspace</name>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="48" />
        <location filename="../../counter_app/ui/workspaces/report.py" line="59" />
        <source>业务</source>
        <translation>Operation</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="48" />
        <location filename="../../counter_app/ui/workspaces/report.py" line="52" />
        <source>笔数</source>
        <translation>Count</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="48" />
        <location filename="../../counter_app/ui/workspaces/report.py" line="59" />
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="50" />
        <source>付款方式</source>
        <translation>Payment method</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="50" />
        <source>净额</source>
        <translation>Net</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="52" />
        <source>营业员</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="52" />
        <source>收款</source>
        <translation>Takings</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="54" />
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="54" />
        <source>本柜台</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="54" />
        <source>平台</source>
        <translation>Platform</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="59" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="59" />
        <source>单号</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="59" />
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="69" />
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="70" />
        <source>与平台对账</source>
        <translation>Reconcile</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="71" />
        <source>重打所选小票</source>
        <translation>Reprint selected</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="72" />
        <source>签退（结束班次）</source>
        <translation>Close shift</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="75" />
        <source>营业日</source>
        <translation>Business day</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="77" />
        <source>净收款（不含积分）</source>
        <translation>Net takings (without points)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="88" />
        <source>轧帐（与平台对账）</source>
        <translation>Reconciliation with the platform</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="98" />
        <source>Alt+R：刷新；Alt+D：与平台对账；Alt+P：重打所选小票；Alt+Q：签退</source>
        <translation>Alt+R: refresh; Alt+D: reconcile; Alt+P: reprint the selected receipt; Alt+Q: close shift</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="101" />
        <source>本班流水</source>
        <translation>This shift's journal</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="142" />
        <source>未上传：%1 笔</source>
        <translation>Unsent: %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="143" />
        <source>异常单：%1 笔</source>
        <translation>Exceptions: %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="171" />
        <location filename="../../counter_app/ui/workspaces/report.py" line="172" />
        <source>与平台一致，轧帐平衡</source>
        <translation>Matches the platform: balanced</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="184" />
        <source>与平台有 %1 处差异</source>
        <translation>%1 difference(s) with the platform</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="186" />
        <source>（还有 %1 笔未上传，上传后再对账）</source>
        <translation> (%1 still unsent: reconcile again after sending)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="203" />
        <source>请先在本班流水中选择一笔业务</source>
        <translation>Select an operation in this shift's journal first</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="207" />
        <source>本机未配置小票打印机</source>
        <translation>No receipt printer is set up on this counter</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="0" />
        <source>尾箱与轧帐</source>
        <translation>Cash box &amp; day close</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="0" />
        <source>Alt+R：刷新；Alt+D：与平台对账；Alt+X：尾箱与轧帐；Alt+P：重打所选小票；Alt+Q：签退</source>
        <translation>Alt+R: refresh; Alt+D: reconcile with the platform; Alt+X: cash box &amp; day close; Alt+P: reprint the selected receipt; Alt+Q: close the shift</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="0" />
        <source>Alt+X：尾箱与轧帐；其余按键写在各按钮和标签页上</source>
        <translation>Alt+X: cash box &amp; day close; the other keys are on the buttons and tabs</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="0" />
        <source>当日汇总 (Alt+H)</source>
        <translation>Day totals (Alt+H)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="0" />
        <source>轧帐：与平台对账 (Alt+D)</source>
        <translation>Reconcile with the platform (Alt+D)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="0" />
        <source>日结 X/Z (Alt+Z)</source>
        <translation>X/Z report (Alt+Z)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="0" />
        <source>流水</source>
        <translation>Journal</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report.py" line="0" />
        <source>当前没有已签到的班次</source>
        <translation>No shift is open</translation>
    </message>
</context>
<context>
    <name>SaleWorkspace</name>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale_codepay.py" />
        <source>正在办理上一笔业务，请稍候</source>
        <translation>The previous operation is still being done; please wait</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale_codepay.py" />
        <source>付款码收款</source>
        <translation>Payment code</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale_codepay.py" />
        <source>Alt+M：付款码收款（微信/支付宝）；已填的其他付款先收，付款码付剩余金额；离线时不可用</source>
        <translation>Alt+M: take a payment code (WeChat Pay / Alipay); other payments typed in are taken first and the code pays the rest; unavailable offline</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale_codepay.py" />
        <source>付款码收款请先添加商品</source>
        <translation>Add products before taking a payment code</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale_codepay.py" />
        <source>其他付款已足额，无需付款码支付</source>
        <translation>The other payments cover it all; no payment code needed</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale_codepay.py" />
        <source>付款码未收款成功%1，购物车已保留，请换一种方式收款</source>
        <translation>The payment code was not paid%1; the cart is kept, take another method</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale_codepay.py" />
        <source>付款码支付结果未明，系统将撤销这笔扣款（见同步页），请勿让顾客重复付款；购物车已保留</source>
        <translation>The code payment has no result yet; it will be cancelled (see the sync screen), do not let the customer pay again; the cart is kept</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale_codepay.py" />
        <source>已取消付款码收款，购物车已保留</source>
        <translation>Payment code cancelled; the cart is kept</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="188" />
        <source>购物车 (Alt+S)</source>
        <translation>Cart (Alt+S)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="189" />
        <source>订单查询：付款 / 作废 / 退款 (Alt+O)</source>
        <translation>Order look-up: pay / void / refund (Alt+O)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="81" />
        <source>扫码 / 商品编码 / 名称 / 拼音首字母，回车</source>
        <translation>Scan / SKU / name / pinyin initials, Enter</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="94" />
        <location filename="../../counter_app/ui/workspaces/sale.py" line="161" />
        <source>商品</source>
        <translation>Product</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="94" />
        <source>单价</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="94" />
        <location filename="../../counter_app/ui/workspaces/sale.py" line="162" />
        <source>数量</source>
        <translation>Qty</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="94" />
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="99" />
        <source>手机号 / 会员卡号，回车</source>
        <translation>Phone or member card, Enter</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="101" />
        <location filename="../../counter_app/ui/workspaces/sale.py" line="384" />
        <location filename="../../counter_app/ui/workspaces/sale.py" line="502" />
        <source>未识别会员</source>
        <translation>No member</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="103" />
        <source>清除会员</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="122" />
        <source>终端参考号（勿输卡号）</source>
        <translation>Terminal reference (not the card number)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="125" />
        <source>预付卡参考号</source>
        <translation>Prepaid card reference</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="128" />
        <source>积分数</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="140" />
        <source>订单号，回车</source>
        <translation>Order number, Enter</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="146" />
        <source>作废 / 退款原因：选择或输入</source>
        <translation>Reason for the void / refund: pick or type</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="148" />
        <source>留空为全额</source>
        <translation>Empty: everything refundable</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="150" />
        <source>收款</source>
        <translation>Take payment</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="151" />
        <source>下单不付款</source>
        <translation>Pay later</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="152" />
        <source>新交易</source>
        <translation>New sale</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="153" />
        <source>作废</source>
        <translation>Void</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="154" />
        <source>退款</source>
        <translation>Refund</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="167" />
        <source>回车添加商品（多个结果时用方向键选择后回车）；在购物车中 +/- 改数量，Del 删除；数量框回车改所选行数量</source>
        <translation>Enter adds the product (several matches: pick with the arrows and Enter); in the cart +/- change the quantity, Del removes; Enter in the quantity box sets the selected line</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="168" />
        <location filename="../../counter_app/ui/workspaces/sale.py" line="170" />
        <source>会员</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="177" />
        <source>订单查询（付款 / 作废 / 退款）</source>
        <translation>Order look-up (pay / void / refund)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="179" />
        <source>订单号</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="181" />
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="182" />
        <source>退款金额</source>
        <translation>Refund amount</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="191" />
        <source>小计</source>
        <translation>Subtotal</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="193" />
        <source>会员优惠</source>
        <translation>Discount</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="195" />
        <source>应收</source>
        <translation>Total due</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="198" />
        <source>付款（可组合）</source>
        <translation>Payment (may be split)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="200" />
        <source>现金实收</source>
        <translation>Cash received</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="201" />
        <source>银行卡</source>
        <translation>Bank card</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="202" />
        <source>预付卡</source>
        <translation>Prepaid card</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="204" />
        <source>积分抵扣</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="207" />
        <source>找零</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" />
        <source>上笔找零</source>
        <translation>Last sale's change</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="217" />
        <source>现金实收框中回车、F12 或 Ctrl+Enter：收款（购物车为空时为所查订单付款）；Ctrl+T：下单不付款；Ctrl+N：新交易；Alt+L：今日订单；Ctrl+D：作废；Ctrl+Shift+R：退款；Ctrl+P：重打小票。银行卡/预付卡只填参考号时按剩余应收金额支付</source>
        <translation>Enter in Cash received, F12 or Ctrl+Enter: take payment (with an empty cart: pay the order looked up); Ctrl+T: take order, pay later; Ctrl+N: new sale; Alt+L: today's orders; Ctrl+D: void; Ctrl+Shift+R: refund; Ctrl+P: reprint receipt. A card with only a reference pays the rest</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="258" />
        <source>未找到商品：%1</source>
        <translation>No product found: %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="272" />
        <source>找到 %1 个商品，请用方向键选择后回车</source>
        <translation>%1 products found: pick one with the arrows and Enter</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="283" />
        <location filename="../../counter_app/ui/workspaces/sale.py" line="310" />
        <location filename="../../counter_app/ui/workspaces/sale.py" line="327" />
        <source>数量不能超过 %1</source>
        <translation>The quantity cannot exceed %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="320" />
        <location filename="../../counter_app/ui/workspaces/sale.py" line="483" />
        <source>请先添加商品</source>
        <translation>Add a product first</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="324" />
        <source>数量必须是正整数</source>
        <translation>The quantity must be a whole number above zero</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="375" />
        <source>%1 %2 %3　积分 %4，可用 %5</source>
        <translation>%1 %2 %3  points %4, redeemable %5</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="454" />
        <source>还差 %1</source>
        <translation>Still due %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="513" />
        <source>收款成功：订单 %1，应收 %2，找零 %3</source>
        <translation>Paid: order %1, total %2, change %3</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="516" />
        <source>，积分 +%1</source>
        <translation>, points +%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="524" />
        <source>已下单（未付款）：订单 %1，应收 %2</source>
        <translation>Order taken (unpaid): order %1, total %2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="543" />
        <source>请输入订单号</source>
        <translation>Enter an order number</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="553" />
        <source>订单 %1　状态：%2　应收 %3　已付 %4　已退 %5　可退 %6</source>
        <translation>Order %1  status: %2  total %3  paid %4  refunded %5  refundable %6</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="562" />
        <source>请先输入订单号并回车查询</source>
        <translation>Type the order number and press Enter first</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="574" />
        <source>请填写作废原因</source>
        <translation>Give a reason for the void</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="577" />
        <source>作废订单 %1</source>
        <translation>Void order %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="585" />
        <source>订单 %1 已作废</source>
        <translation>Order %1 voided</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="601" />
        <source>请填写退款原因</source>
        <translation>Give a reason for the refund</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="604" />
        <source>退款：订单 %1</source>
        <translation>Refund: order %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sale.py" line="613" />
        <source>已退款 %1（订单 %2），请按原付款方式退还客户</source>
        <translation>Refunded %1 (order %2): give it back by the original payment methods</translation>
    </message>
    <message>
        <source>商品 (Alt+S)</source>
        <translation>Product (Alt+S)</translation>
    </message>
    <message>
        <source>订单号尾号或金额，↓ 选择</source>
        <translation>Last digits of the order number or the amount, ↓ to choose</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>今日订单</source>
        <translation>Today's orders</translation>
    </message>
    <message>
        <source>Alt+C，回车收款</source>
        <translation>Alt+C; Enter pays</translation>
    </message>
</context>
<context>
    <name>SyncWorkspace</name>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync_codepay.py" />
        <source>钱包</source>
        <translation>Wallet</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync_codepay.py" />
        <source>发起时间</source>
        <translation>Asked at</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync_codepay.py" />
        <source>付款码</source>
        <translation>Payment code</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync_codepay.py" />
        <source>核销原因（必填）</source>
        <translation>Reason for the write-off (required)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync_codepay.py" />
        <source>重新查询</source>
        <translation>Query again</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync_codepay.py" />
        <source>主管核销</source>
        <translation>Write off (supervisor)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync_codepay.py" />
        <source>结果未明的付款码支付（未处理前不能签退）</source>
        <translation>Code payments without a result (the shift cannot close until they are settled)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync_codepay.py" />
        <source>核销原因</source>
        <translation>Write-off reason</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync_codepay.py" />
        <source>Alt+Q：向收单方重新查询所选付款（未付则撤销）；Alt+W：主管核销（需填写原因，主管授权）</source>
        <translation>Alt+Q: ask the acquirer again about the selected payment (cancelled if unpaid); Alt+W: write it off (reason required, supervisor approves)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync_codepay.py" />
        <source>请先选择一笔付款码支付</source>
        <translation>Select a code payment first</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync_codepay.py" />
        <source>正在向收单方查询…</source>
        <translation>Asking the acquirer…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync_codepay.py" />
        <source>查询结果：%1</source>
        <translation>Result: %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync_codepay.py" />
        <source>；仍未明，可稍后再查或由主管核销</source>
        <translation>; still unknown: query again later or have a supervisor write it off</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync_codepay.py" />
        <source>请填写核销原因</source>
        <translation>Give a reason for the write-off</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync_codepay.py" />
        <source>付款码支付核销</source>
        <translation>Write off a code payment</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync_codepay.py" />
        <source>已核销：%1 %2</source>
        <translation>Written off: %1 %2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="46" />
        <source>序号</source>
        <translation>Seq</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="46" />
        <location filename="../../counter_app/ui/workspaces/sync.py" line="49" />
        <source>业务</source>
        <translation>Operation</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="46" />
        <location filename="../../counter_app/ui/workspaces/sync.py" line="49" />
        <source>单号</source>
        <translation>Reference</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="46" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="46" />
        <source>尝试</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="47" />
        <source>上次错误</source>
        <translation>Last error</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="49" />
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="49" />
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="170" />
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="50" />
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="53" />
        <source>处理说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="54" />
        <source>任务</source>
        <translation>Job</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="54" />
        <source>业务流水</source>
        <translation>Operation</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="54" />
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="57" />
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="58" />
        <source>已知悉</source>
        <translation>Noted</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="60" />
        <source>已退款给客户</source>
        <translation>Refunded</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="62" />
        <source>已解决</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="63" />
        <source>重试打印</source>
        <translation>Retry printing</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="67" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="69" />
        <source>待上传</source>
        <translation>Unsent</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="71" />
        <source>最早未上传</source>
        <translation>Oldest unsent</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="73" />
        <source>上次同步成功</source>
        <translation>Last successful sync</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="200" />
        <source>等待异常单 %1 %2</source>
        <translation>Held behind the exception %1 %2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="77" />
        <source>上传队列</source>
        <translation>Send queue</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="80" />
        <source>异常单（平台拒绝，需主管处理）</source>
        <translation>Exceptions (rejected by the platform; a supervisor must act)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="83" />
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="89" />
        <source>打印失败的小票</source>
        <translation>Receipts that failed to print</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="97" />
        <source>Alt+S：立即同步；Ctrl+K：已知悉；Ctrl+T：已退款给客户；Ctrl+E：已解决（均需主管授权）；Alt+P：重试打印</source>
        <translation>Alt+S: sync now; Ctrl+K: acknowledged; Ctrl+T: refund done; Ctrl+E: resolved (each needs a supervisor); Alt+P: retry printing</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="139" />
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="147" />
        <source>%1 小时 %2 分钟前</source>
        <translation>%1 h %2 min ago</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="148" />
        <source>%1 分钟前</source>
        <translation>%1 min ago</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="153" />
        <source>未配置平台</source>
        <translation>No platform configured</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="156" />
        <location filename="../../counter_app/ui/workspaces/sync.py" line="157" />
        <source>在线</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="156" />
        <location filename="../../counter_app/ui/workspaces/sync.py" line="157" />
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="156" />
        <source>连接不稳定</source>
        <translation>Unstable connection</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="164" />
        <source>从未</source>
        <translation>Never</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="180" />
        <source>未配置平台，无法同步</source>
        <translation>No platform configured: cannot sync</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="182" />
        <source>正在同步…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="183" />
        <source>已请求同步</source>
        <translation>Sync requested</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="188" />
        <source>请先选择一张异常单</source>
        <translation>Select an exception first</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="194" />
        <source>处理异常单</source>
        <translation>Resolve an exception</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="202" />
        <source>异常单已处理</source>
        <translation>Exception resolved</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="211" />
        <source>请先选择一张打印失败的小票</source>
        <translation>Select a failed receipt first</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/sync.py" line="213" />
        <source>正在打印小票…</source>
        <translation>Printing the receipt…</translation>
    </message>
</context>
<context>
    <name>BooksPanel</name>
    <message>
        <location filename="../../counter_app/ui/workspaces/report_books.py" line="0" />
        <source>日结（X/Z 报表）</source>
        <translation>Day close (X/Z reports)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report_books.py" line="0" />
        <source>日终轧帐</source>
        <translation>Z (day close)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report_books.py" line="0" />
        <source>现金</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report_books.py" line="0" />
        <source>长短款</source>
        <translation>Over/short</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report_books.py" line="0" />
        <source>平台更正</source>
        <translation>Corrections</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report_books.py" line="0" />
        <source>未获平台答复</source>
        <translation>Not answered</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report_books.py" line="0" />
        <source>付款结果未明</source>
        <translation>Unknown payments</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report_books.py" line="0" />
        <source>未日结（X 报表：随时可看，不改变任何数据）</source>
        <translation>Not closed (X report: any time, changes nothing)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report_books.py" line="0" />
        <source>已日结：Z 第 %1 号，%2；未获平台答复 %3 笔</source>
        <translation>Closed: Z no. %1 at %2; %3 not answered by the platform</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report_books.py" line="0" />
        <source>应有 %1，实点 %2</source>
        <translation>Expected %1, counted %2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report_books.py" line="0" />
        <source>（%1 个班次未签退）</source>
        <translation> (%1 shift(s) still open)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report_books.py" line="0" />
        <source>长款 %1</source>
        <translation>Over %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report_books.py" line="0" />
        <source>短款 %1</source>
        <translation>Short %1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report_books.py" line="0" />
        <source>无差额</source>
        <translation>No difference</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report_books.py" line="0" />
        <source>；待处理 %1 笔，合计 %2</source>
        <translation>; %1 to settle, total %2</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report_books.py" line="0" />
        <source>待处理 %1 笔，挂账 %2（主管确认或提出异议）</source>
        <translation>%1 open, %2 in suspense (a supervisor accepts or disputes)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report_books.py" line="0" />
        <source>无待处理更正</source>
        <translation>No open corrections</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report_books.py" line="0" />
        <source>已处理 %1 笔，无待处理</source>
        <translation>%1 answered, none open</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report_books.py" line="0" />
        <source>%1 笔</source>
        <translation>%1</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report_books.py" line="0" />
        <source>（另有前日 %1 笔）</source>
        <translation> (plus %1 from earlier days)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report_books.py" line="0" />
        <source>%1 笔：请在同步页处理或由主管核销，之前不能日终轧帐</source>
        <translation>%1: settle them on the sync screen or have a supervisor write them off before the Z</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report_books.py" line="0" />
        <source>无</source>
        <translation>None</translation>
    </message>
</context>
<context>
    <name>JournalScope</name>
    <message>
        <location filename="../../counter_app/ui/workspaces/report_books.py" line="0" />
        <source>本班流水（%1 起）</source>
        <translation>This shift (since %1)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report_books.py" line="0" />
        <source>班次 %1–%2 %3</source>
        <translation>Shift %1–%2 %3</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report_books.py" line="0" />
        <source>班次 %1 起 %2（未签退）</source>
        <translation>Shift since %1 %2 (open)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/report_books.py" line="0" />
        <source>全天流水</source>
        <translation>Whole day</translation>
    </message>
</context>
</TS>