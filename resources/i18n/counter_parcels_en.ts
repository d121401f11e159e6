<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ParcelWorkspace</name>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="56" />
        <source>拼音首字母或地名，回车查找（如 bjhd）</source>
        <translation>Pinyin initials or place name, Enter to search (e.g. bjhd)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="64" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="65" />
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="66" />
        <source>地区</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="68" />
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="82" />
        <source>没有找到该地区</source>
        <translation>No such region</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="109" />
        <source>克，或 F9 读秤</source>
        <translation>grams, or F9 to read the scale</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="112" />
        <source>长 cm</source>
        <translation>length cm</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="112" />
        <source>宽 cm</source>
        <translation>width cm</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="113" />
        <source>高 cm</source>
        <translation>height cm</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="117" />
        <source>国际件填国家代码，如 US</source>
        <translation>Country code for international parcels, e.g. US</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="119" />
        <source>寄件人</source>
        <translation>Sender</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="120" />
        <source>收件人</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="129" />
        <source>银行卡终端参考号（勿输卡号）</source>
        <translation>Card terminal reference (never the card number)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="132" />
        <source>运单号，回车在线查询</source>
        <translation>Tracking number, Enter to look it up online</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="138" />
        <source>读秤</source>
        <translation>Scale</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="140" />
        <source>计算资费</source>
        <translation>Price</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="141" />
        <source>收寄收款</source>
        <translation>Accept and take payment</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="143" />
        <source>新包裹</source>
        <translation>New parcel</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="145" />
        <source>包裹</source>
        <translation>Parcel</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="148" />
        <source>服务</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="149" />
        <source>内件</source>
        <translation>Contents</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="150" />
        <source>重量</source>
        <translation>Weight</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="158" />
        <source>尺寸</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="159" />
        <source>保价</source>
        <translation>Insured value</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="160" />
        <source>描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="161" />
        <source>国家</source>
        <translation>Country</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="172" />
        <source>查询</source>
        <translation>Track</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="175" />
        <source>应收资费</source>
        <translation>Postage due</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="177" />
        <source>现金实收</source>
        <translation>Cash received</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="178" />
        <source>银行卡</source>
        <translation>Bank card</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="184" />
        <source>回车：查找地区 / 计算资费；F9：读秤；F8：计算资费；F12：收寄收款；Ctrl+N：新包裹；Ctrl+P：重打小票</source>
        <translation>Enter: find region / price; F9: read scale; F8: price; F12: accept and take payment; Ctrl+N: new parcel; Ctrl+P: reprint receipt</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="209" />
        <source>（禁寄）</source>
        <translation> (prohibited)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="291" />
        <source>收寄成功：运单号 %1，资费 %2，找零 %3</source>
        <translation>Parcel accepted: tracking number %1, postage %2, change %3</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="294" />
        <source>（离线收寄：联网后上传平台）</source>
        <translation> (taken offline: sent to the platform when back online)</translation>
    </message>
    <message>
        <location filename="../../counter_app/ui/workspaces/parcel.py" line="307" />
        <source>面单打印失败：%1（包裹已收寄）</source>
        <translation>Label not printed: %1 (the parcel is accepted)</translation>
    </message>
    <message>
        <source>今日包裹 (Ctrl+J)</source>
        <translation>Today's parcels (Ctrl+J)</translation>
    </message>
    <message>
        <source>作废</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>重印面单</source>
        <translation>Relabel</translation>
    </message>
    <message>
        <source>Ctrl+J 选择包裹，上下键移动</source>
        <translation>Ctrl+J selects a parcel, Up/Down moves</translation>
    </message>
    <message>
        <source>作废原因</source>
        <translation>Void reason</translation>
    </message>
    <message>
        <source>已作废</source>
        <translation>voided</translation>
    </message>
    <message>
        <source>已收寄</source>
        <translation>accepted</translation>
    </message>
    <message>
        <source>请先在今日包裹中选择一件（Ctrl+J，上下键）</source>
        <translation>Choose one of today's parcels first (Ctrl+J, Up/Down)</translation>
    </message>
    <message>
        <source>该包裹已作废</source>
        <translation>That parcel is already voided</translation>
    </message>
    <message>
        <source>只能作废本班次收寄的包裹</source>
        <translation>Only a parcel accepted in this shift can be voided</translation>
    </message>
    <message>
        <source>请填写作废原因</source>
        <translation>Enter the reason for the void</translation>
    </message>
    <message>
        <source>作废包裹 %1</source>
        <translation>Void parcel %1</translation>
    </message>
    <message>
        <source>已作废：运单号 %1，退还 %2；该号码不再使用</source>
        <translation>Voided: tracking number %1, %2 handed back; the number is never used again</translation>
    </message>
    <message>
        <source>该包裹已作废，不能重印面单</source>
        <translation>That parcel is voided; its label cannot be reprinted</translation>
    </message>
    <message>
        <source>未设置面单打印机（系统 &gt; 外设设置）</source>
        <translation>No label printer is set (System &gt; Devices)</translation>
    </message>
    <message>
        <source>面单已重印</source>
        <translation>Label reprinted</translation>
    </message>
    <message>
        <source>面单已打印</source>
        <translation>Label printed</translation>
    </message>
    <message>
        <source>客户取消寄递</source>
        <translation>Customer cancelled</translation>
    </message>
    <message>
        <source>信息填写错误</source>
        <translation>Wrong details entered</translation>
    </message>
    <message>
        <source>重复收寄</source>
        <translation>Accepted twice</translation>
    </message>
    <message>
        <source>手机号 / 卡号，回车 (Alt+H)</source>
        <translation>Phone / card no., Enter (Alt+H)</translation>
    </message>
    <message>
        <source>会员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>寄件人（会员 %1）</source>
        <translation>Sender (member %1)</translation>
    </message>
    <message>
        <source>常用地址</source>
        <translation>Saved addresses</translation>
    </message>
    <message>
        <source>寄</source>
        <translation>From</translation>
    </message>
    <message>
        <source>收</source>
        <translation>To</translation>
    </message>
</context>
<context>
    <name>DevicesDialog</name>
    <message>
        <source>外设设置</source>
        <translation>Devices</translation>
    </message>
    <message>
        <source>电子秤</source>
        <translation>Scale</translation>
    </message>
    <message>
        <source>面单打印机</source>
        <translation>Label printer</translation>
    </message>
    <message>
        <source>串口设备</source>
        <translation>Serial device</translation>
    </message>
    <message>
        <source>通讯协议</source>
        <translation>Protocol</translation>
    </message>
    <message>
        <source>波特率</source>
        <translation>Baud rate</translation>
    </message>
    <message>
        <source>面单尺寸</source>
        <translation>Label size</translation>
    </message>
    <message>
        <source>连续发送（ST/US/OL 帧）</source>
        <translation>Continuous output (ST/US/OL frames)</translation>
    </message>
    <message>
        <source>指令应答（MT-SICS S）</source>
        <translation>Command and answer (MT-SICS S)</translation>
    </message>
    <message>
        <source>留空表示本柜台不使用电子秤</source>
        <translation>Leave empty when this counter has no scale</translation>
    </message>
    <message>
        <source>读秤测试 (Ctrl+R)</source>
        <translation>Test read (Ctrl+R)</translation>
    </message>
    <message>
        <source>测试面单 (Ctrl+T)</source>
        <translation>Test label (Ctrl+T)</translation>
    </message>
    <message>
        <source>保存 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>关闭 (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>请填写电子秤的串口设备</source>
        <translation>Enter the scale's serial device</translation>
    </message>
    <message>
        <source>正在读秤…</source>
        <translation>Reading the scale…</translation>
    </message>
    <message>
        <source>超载</source>
        <translation>overload</translation>
    </message>
    <message>
        <source>稳定</source>
        <translation>stable</translation>
    </message>
    <message>
        <source>不稳定</source>
        <translation>unstable</translation>
    </message>
    <message>
        <source>读数 %1 克（%2）</source>
        <translation>Reading %1 g (%2)</translation>
    </message>
    <message>
        <source>未设置面单打印机，无法测试</source>
        <translation>No label printer is set; nothing to test</translation>
    </message>
    <message>
        <source>正在打印测试面单…</source>
        <translation>Printing a test label…</translation>
    </message>
    <message>
        <source>测试面单已打印，请检查条码和切纸</source>
        <translation>Test label printed; check the barcode and the cut</translation>
    </message>
    <message>
        <source>外设设置已保存，寄递界面下次读秤和打印面单即用新设置</source>
        <translation>Device settings saved; the parcel screen uses them from its next scale read and label</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>外设设置</source>
        <translation>Devices</translation>
    </message>
</context>
</TS>
